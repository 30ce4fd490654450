package ai.ag2.tracing.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.sample.remote.RemoteAgentServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's traces in a real Zipkin server: both services export through an
 * {@code opentelemetry-exporter-zipkin} {@code SpanExporter} bean that Spring Boot's SDK uses
 * beside its others, and each trace read back from Zipkin's HTTP API has the same tree, names,
 * kinds and services as the spans exported, with every attribute a tag as docs/propagation.md
 * says: strings as they are, numbers and booleans in decimal or {@code true}/{@code false},
 * arrays joined with commas.
 */
@SpringBootTest(properties = { "sample.run-walkthrough=false", "ag2.tracing.console.enabled=false",
		"sample-test.context=zipkin-round-trip" })
@DirtiesContext
class ZipkinRoundTripTests {

	private static ZipkinServer zipkin;

	@Autowired
	private Walkthrough walkthrough;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Autowired
	private RemoteAgentServer remoteAgentServer;

	@BeforeAll
	static void startZipkin() throws Exception {
		zipkin = ZipkinServer.start();
		// a system property, so that the research service's context, started by the sample, sees it too
		System.setProperty(ZipkinTestExport.ENDPOINT_PROPERTY, zipkin.spansEndpoint());
	}

	@AfterAll
	static void stopZipkin() {
		System.clearProperty(ZipkinTestExport.ENDPOINT_PROPERTY);
		if (zipkin != null) {
			zipkin.close();
		}
	}

	@BeforeEach
	void forgetEarlierSpans() {
		flush();
		SharedInMemorySpanExporter.SPANS.reset();
	}

	@Test
	void everyScenarioOfTheWalkthroughArrivesInZipkinAsTheTraceThatWasExported() throws Exception {
		for (Callable<?> scenario : List.<Callable<?>>of(this.walkthrough::twoAgentChat, this.walkthrough::toolCall,
				this.walkthrough::groupChat, this.walkthrough::humanInputAndCodeExecution,
				this.walkthrough::parallelChats, this.walkthrough::remoteAgent)) {
			List<SpanData> exported = exported(scenario);
			assertZipkinShows(exported, zipkinTrace(exported));
		}
	}

	@Test
	void remoteAgentCallIsOneTreeAcrossBothServicesInZipkin() throws Exception {
		List<SpanData> exported = exported(this.walkthrough::remoteAgent);
		List<Map<String, Object>> trace = zipkinTrace(exported);

		assertThat(render(trace)).isEqualTo("""
				conversation user_proxy [INTERNAL] ag2-tracing-sample
				  invoke_agent remote_researcher [CLIENT] ag2-tracing-sample
				    http post [CLIENT] ag2-tracing-sample
				      http post /agents/researcher [SERVER] ag2-remote-researcher
				        a2a-execution [INTERNAL] ag2-remote-researcher
				          conversation research_desk [INTERNAL] ag2-remote-researcher
				            invoke_agent researcher [INTERNAL] ag2-remote-researcher
				              chat gpt-4o-mini [CLIENT] ag2-remote-researcher
				""");
		Map<String, Object> remoteTurn = named(trace, "invoke_agent remote_researcher");
		String port = this.remoteAgentServer.baseUrl().substring(this.remoteAgentServer.baseUrl().lastIndexOf(':') + 1);
		assertThat(tags(remoteTurn)).containsEntry("gen_ai.agent.remote", "true")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", port)
			.containsEntry("ag2.span.type", "agent")
			.containsEntry("otel.scope.name", "ai.ag2.tracing");
		assertThat(tags(named(trace, "a2a-execution"))).containsEntry("http.response.status_code", "200")
			.containsEntry("ag2.span.type", "a2a_execution");
	}

	@Test
	void numbersAndArraysOfAnLlmCallAreTagsAsZipkinShowsThem() throws Exception {
		List<SpanData> exported = exported(this.walkthrough::toolCall);
		List<Map<String, Object>> trace = zipkinTrace(exported);

		List<SpanData> chats = exported.stream().filter((span) -> span.getName().equals("chat gpt-4o-mini")).toList();
		assertThat(chats).hasSize(2);
		for (SpanData chat : chats) {
			Map<String, String> tags = tags(byId(trace).get(chat.getSpanId()));
			assertThat(tags.get("gen_ai.usage.input_tokens"))
				.isEqualTo(Long.toString(chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)))
				.matches("[0-9]+");
			assertThat(tags.get("gen_ai.response.finish_reasons")).isIn("tool_calls", "stop");
		}
		assertThat(tags(named(trace, "conversation tool_user"))).containsEntry("gen_ai.conversation.turns", "3")
			.containsEntry("gen_ai.conversation.max_turns", "3");
	}

	@Test
	void stringArraysAreJoinedWithCommas() throws Exception {
		List<SpanData> exported = exported(this.walkthrough::parallelChats);

		assertThat(tags(named(zipkinTrace(exported), "initiate_chats"))).containsEntry("ag2.chats.recipients",
				"assistant,researcher,writer")
			.containsEntry("ag2.chats.count", "3")
			.containsEntry("ag2.chats.mode", "parallel");
	}

	/** Run a scenario and return the spans of its one trace, as every exporter received them. */
	private List<SpanData> exported(Callable<?> scenario) throws Exception {
		SharedInMemorySpanExporter.SPANS.reset();
		scenario.call();
		List<SpanData> spans = SharedInMemorySpanExporter.awaitCompleteTrace(this::flush);
		assertThat(spans.stream().map(SpanData::getTraceId).distinct()).hasSize(1);
		return spans;
	}

	/** The trace of {@code exported} as Zipkin's API answers it, once Zipkin has stored every span. */
	private static List<Map<String, Object>> zipkinTrace(List<SpanData> exported) throws Exception {
		String traceId = exported.get(0).getTraceId();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		List<Map<String, Object>> trace = zipkin.trace(traceId);
		while (trace.size() < exported.size() && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(100);
			trace = zipkin.trace(traceId);
		}
		assertThat(trace).as("spans of trace %s in Zipkin", traceId).hasSameSizeAs(exported);
		return trace;
	}

	/**
	 * Zipkin shows each exported span under its id: same parent, the name in lower case, the
	 * kind (none for INTERNAL), the service as local endpoint, and exactly the attributes (plus
	 * the instrumentation scope and an error status) as string tags.
	 */
	private static void assertZipkinShows(List<SpanData> exported, List<Map<String, Object>> trace) {
		Map<String, Map<String, Object>> byId = byId(trace);
		for (SpanData span : exported) {
			Map<String, Object> shown = byId.get(span.getSpanId());
			assertThat(shown).as(span.getName()).isNotNull();
			assertThat(shown.get("traceId")).isEqualTo(span.getTraceId());
			assertThat(shown.get("parentId")).as(span.getName())
				.isEqualTo(span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
			assertThat(shown.get("name")).isEqualTo(span.getName().toLowerCase(Locale.ROOT));
			assertThat(shown.get("kind")).as(span.getName())
				.isEqualTo((span.getKind() == SpanKind.INTERNAL) ? null : span.getKind().name());
			assertThat(((Map<?, ?>) shown.get("localEndpoint")).get("serviceName")).isEqualTo(TraceShape.service(span));
			assertThat(tags(shown)).as(span.getName()).isEqualTo(expectedTags(span));
		}
	}

	/** The tags OpenTelemetry's Zipkin exporter writes for a span (its OtelToZipkinSpanTransformer). */
	private static Map<String, String> expectedTags(SpanData span) {
		Map<String, String> tags = new HashMap<>();
		span.getAttributes().forEach((key, value) -> tags.put(key.getKey(), tagValue(key, value)));
		tags.put("otel.scope.name", span.getInstrumentationScopeInfo().getName());
		tags.put("otel.library.name", span.getInstrumentationScopeInfo().getName());
		if (span.getInstrumentationScopeInfo().getVersion() != null) {
			tags.put("otel.scope.version", span.getInstrumentationScopeInfo().getVersion());
			tags.put("otel.library.version", span.getInstrumentationScopeInfo().getVersion());
		}
		if (span.getStatus().getStatusCode() != StatusCode.UNSET) {
			tags.put("otel.status_code", span.getStatus().getStatusCode().name());
		}
		if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
			tags.put("error", span.getStatus().getDescription());
		}
		return tags;
	}

	private static String tagValue(AttributeKey<?> key, Object value) {
		return switch (key.getType()) {
			case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY ->
				((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
			default -> String.valueOf(value);
		};
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> tags(Map<String, Object> span) {
		Object tags = span.get("tags");
		return (tags != null) ? (Map<String, String>) tags : Map.of();
	}

	private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> trace) {
		return trace.stream().collect(Collectors.toMap((span) -> (String) span.get("id"), (span) -> span));
	}

	private static Map<String, Object> named(List<Map<String, Object>> trace, String name) {
		List<Map<String, Object>> matches = trace.stream().filter((span) -> name.equals(span.get("name"))).toList();
		assertThat(matches).as("Zipkin spans named '%s' in%n%s", name, render(trace)).hasSize(1);
		return matches.get(0);
	}

	/** Zipkin's spans as an indented tree: {@code name [KIND] service}, INTERNAL for no kind. */
	private static String render(List<Map<String, Object>> trace) {
		Set<Object> ids = trace.stream().map((span) -> span.get("id")).collect(Collectors.toSet());
		StringBuilder out = new StringBuilder();
		sorted(trace.stream().filter((span) -> !ids.contains(span.get("parentId"))).toList())
			.forEach((root) -> render(trace, root, 0, out));
		return out.toString();
	}

	private static void render(List<Map<String, Object>> trace, Map<String, Object> span, int depth,
			StringBuilder out) {
		Object kind = span.get("kind");
		out.append("  ".repeat(depth)).append(span.get("name")).append(" [").append((kind != null) ? kind : "INTERNAL")
			.append("] ").append(((Map<?, ?>) span.get("localEndpoint")).get("serviceName")).append('\n');
		sorted(trace.stream().filter((child) -> span.get("id").equals(child.get("parentId"))).toList())
			.forEach((child) -> render(trace, child, depth + 1, out));
	}

	private static List<Map<String, Object>> sorted(List<Map<String, Object>> spans) {
		List<Map<String, Object>> copy = new ArrayList<>(spans);
		copy.sort(Comparator.comparingLong((Map<String, Object> span) -> ((Number) span.get("timestamp")).longValue())
			.thenComparing((span) -> (String) span.get("name")));
		return copy;
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.remoteAgentServer.flushTraces();
	}

}
