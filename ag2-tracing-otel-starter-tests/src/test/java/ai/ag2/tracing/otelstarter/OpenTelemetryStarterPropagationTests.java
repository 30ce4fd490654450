package ai.ag2.tracing.otelstarter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import ai.ag2.tracing.test.RawHttp;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.async.DeferredResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ag2-tracing on the OpenTelemetry bean of the official {@code opentelemetry-spring-boot-starter}
 * (instead of Spring Boot's OpenTelemetry support): the starter's servlet filter opens the
 * server span and its RestClient interceptor the client span; there is still one SERVER span per
 * inbound request, one {@code traceparent} per outbound one, and the agent spans nest right.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenTelemetryStarterPropagationTests {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void remoteAgentCallMakesOneTraceWithTheStartersServerAndClientSpans(CapturedOutput output) {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class);
				Service caller = Service.start("agent-caller", WebApplicationType.NONE, AgentCaller.class,
						"remote-planner.url=" + server.url(""))) {
			assertThat(caller.context.getBean(RemotePlanner.class).ask("How do I get to Vienna?"))
				.isEqualTo("Take the night train.");

			List<SpanData> spans = awaitSpans(7, server, caller);
			assertThat(SpanTree.of(spans).render()).isEqualTo("""
					invoke_agent remote_planner [CLIENT]
					  POST [CLIENT]
					    POST /a2a [SERVER]
					      a2a-execution [INTERNAL]
					        conversation planner [INTERNAL]
					          invoke_agent planner [INTERNAL]
					            chat gpt-4o-mini [CLIENT]
					""");
			SpanData remote = SpanTree.of(spans).span("invoke_agent remote_planner");
			assertThat(spans).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(remote.getTraceId()));
			assertThat(remote.getAttributes().asMap())
				.containsEntry(AttributeKey.booleanKey("gen_ai.agent.remote"), true)
				.containsEntry(AttributeKey.stringKey("server.address"), "127.0.0.1")
				.containsEntry(AttributeKey.longKey("server.port"), (long) server.port());
			assertThat(remote.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-caller");
			SpanData clientSpan = SpanTree.of(spans).span("POST");
			assertThat(clientSpan.getInstrumentationScopeInfo().getName()).isNotEqualTo("ai.ag2.tracing");
			SpanData a2a = SpanTree.of(spans).span("a2a-execution");
			assertThat(a2a.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-server");
			assertThat(a2a.getAttributes().get(AttributeKey.stringKey("ag2.span.type"))).isEqualTo("a2a_execution");
			assertThat(a2a.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
			assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("ag2-tracing:");
		}
	}

	@Test
	void everyOutboundCallCarriesOneTraceparentWithItsOwnParentSpan() throws Exception {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			List<Map<String, List<String>>> forwarded = relay(server, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

			List<SpanData> spans = awaitSpans(8, server);
			assertThat(SpanTree.of(spans).render()).isEqualTo("""
					GET /relay [SERVER]
					  a2a-execution [INTERNAL]
					    GET [CLIENT]
					      GET /headers [SERVER]
					        a2a-execution [INTERNAL]
					    GET [CLIENT]
					      GET /headers [SERVER]
					        a2a-execution [INTERNAL]
					""");
			assertThat(spans).allSatisfy(
					(span) -> assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
			List<String> clientIds = spans.stream()
				.filter((span) -> span.getKind() == SpanKind.CLIENT)
				.map(SpanData::getSpanId)
				.toList();
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("traceparent")).hasSize(1));
			assertThat(forwarded.stream().map((call) -> call.get("traceparent").get(0).substring(36, 52)))
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(clientIds);
		}
	}

	@Test
	void whenTheStartersInterceptorRunsInsideOursEachCallStillHasOneClientSpan() {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			RestClient.Builder builder = RestClient.builder()
				.requestInterceptor(server.context.getBean(TraceContextInterceptor.class));
			server.context.getBean("otelRestClientCustomizer", RestClientCustomizer.class).customize(builder);
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
			RestClient restClient = builder.build();
			restClient.mutate().requestInterceptors(interceptors::addAll);
			assertThat(interceptors).hasSize(2).first().isInstanceOf(TraceContextInterceptor.class);

			Span test = server.context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("test").startSpan();
			Map<?, ?> forwarded;
			try (Scope scope = test.makeCurrent()) {
				forwarded = restClient.get().uri(server.url("/headers")).retrieve().body(Map.class);
			}
			finally {
				test.end();
			}

			List<SpanData> spans = awaitSpans(4, server);
			assertThat(SpanTree.of(spans).render()).isEqualTo("""
					test [INTERNAL]
					  GET [CLIENT]
					    GET /headers [SERVER]
					      a2a-execution [INTERNAL]
					""");
			assertThat((List<?>) forwarded.get("traceparent")).singleElement()
				.asString()
				.startsWith("00-" + test.getSpanContext().getTraceId() + "-" + SpanTree.of(spans).span("GET").getSpanId()
						+ "-");
		}
	}

	@Test
	void twoTraceparentHeadersStartAFreshTrace() throws Exception {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			relay(server, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
					"00-1af7651916cd43dd8448eb211c80319d-b7ad6b7169203332-01");

			List<SpanData> spans = awaitSpans(8, server);
			SpanData root = SpanTree.of(spans).span("GET /relay");
			assertThat(root.getParentSpanContext().isValid()).isFalse();
			assertThat(root.getTraceId()).isNotIn("0af7651916cd43dd8448eb211c80319c",
					"1af7651916cd43dd8448eb211c80319d");
		}
	}

	/** Field lines that carry a valid list, and the one line every outbound call carries on. */
	static Stream<Arguments> tracestateLines() {
		String key256 = "z".repeat(256);
		String tenantKey = "t".repeat(241) + "@" + "v".repeat(14);
		return Stream.of(
				Arguments.of("three lines, combined in order", List.of("foo=1,bar=2", "rojo=1,congo=2", "baz=3"),
						"foo=1,bar=2,rojo=1,congo=2,baz=3"),
				Arguments.of("32 members over four lines", barMembers(32, 10), String.join(",", barMembers(32, 32))),
				Arguments.of("a 256-character key on its own line", List.of("foo=1", key256 + "=1"),
						"foo=1," + key256 + "=1"),
				Arguments.of("a tenant@system key on its own line", List.of("foo=1", tenantKey + "=1"),
						"foo=1," + tenantKey + "=1"),
				Arguments.of("an empty line, then a member", List.of("", "foo=1"), "foo=1"),
				Arguments.of("empty and whitespace-only members", List.of("foo=1, ,,bar=2"), "foo=1,bar=2"),
				Arguments.of("spaces and tabs around members", List.of("foo=1 \t , \t bar=2,\tbaz=3"),
						"foo=1,bar=2,baz=3"),
				Arguments.of("a duplicated key", List.of("foo=1,bar=2,foo=3"), "foo=1,bar=2"),
				Arguments.of("a key duplicated over two lines", List.of("foo=1", "foo=2"), "foo=1"));
	}

	/** Field lines whose list is invalid, and dropped while the trace continues. */
	static Stream<Arguments> invalidTracestateLines() {
		return Stream.of(Arguments.of("33 members over several lines", barMembers(33, 10)),
				Arguments.of("a 257-character key", List.of("foo=1", "z".repeat(257) + "=1")),
				Arguments.of("illegal characters in a key", List.of("foo=1", "foo.bar=1")),
				Arguments.of("an upper-case key", List.of("FOO=1,bar=2")),
				Arguments.of("a key that starts with @", List.of("@foo=1,bar=2")),
				Arguments.of("an empty value", List.of("foo=,bar=3")));
	}

	private static List<String> barMembers(int count, int perLine) {
		List<String> members = IntStream.rangeClosed(1, count).mapToObj((i) -> String.format("bar%02d=%02d", i, i))
			.toList();
		List<String> lines = new ArrayList<>();
		for (int from = 0; from < count; from += perLine) {
			lines.add(String.join(",", members.subList(from, Math.min(count, from + perLine))));
		}
		return lines;
	}

	/**
	 * W3C Trace Context and the baggage policy on the starter's stack, over one server that
	 * trusts callers with {@code user.id} only.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class InboundHeaders {

		private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

		private static final String PARENT_ID = "00f067aa0ba902b7";

		private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

		private Service server;

		@BeforeAll
		void startServer() {
			this.server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class,
					"ag2.tracing.propagation.server.baggage.accepted-keys=user.id");
		}

		@AfterAll
		void stopServer() {
			this.server.close();
		}

		@BeforeEach
		void forgetSpans() {
			this.server.context.getBean(InMemorySpanExporter.class).reset();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("ai.ag2.tracing.otelstarter.OpenTelemetryStarterPropagationTests#tracestateLines")
		void tracestateLinesAreOneListThatEveryOutboundCallCarriesAsOneLine(String description, List<String> lines,
				String expected) throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(tracestate(lines));

			SpanData root = relayRoot();
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).containsExactly(expected));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("ai.ag2.tracing.otelstarter.OpenTelemetryStarterPropagationTests#invalidTracestateLines")
		void invalidTracestateIsDroppedWhileTheTraceContinues(String description, List<String> lines)
				throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(tracestate(lines));

			SpanData root = relayRoot();
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
		}

		@Test
		void emptyTracestateIsIgnoredWhileTheTraceContinues() throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(tracestate(List.of("")));

			assertThat(relayRoot().getTraceId()).isEqualTo(TRACE_ID);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
		}

		@Test
		void traceparentOnTwoLinesStartsAFreshTraceWithoutTheCallersTracestate() throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(List.of("traceparent", TRACEPARENT, "traceparent",
					"00-1af7651916cd43dd8448eb211c80319d-b7ad6b7169203332-01", "tracestate", "congo=t61rcWkgMzE"));

			SpanData root = relayRoot();
			assertThat(root.getParentSpanContext().isValid()).isFalse();
			assertThat(root.getTraceId()).isNotIn(TRACE_ID, "1af7651916cd43dd8448eb211c80319d");
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
		}

		@Test
		void randomTraceIdFlagOfTheCallerIsKeptOnEveryOutboundCall() throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(
					List.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-03"));

			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("traceparent")).singleElement()
				.asString()
				.startsWith("00-" + TRACE_ID + "-")
				.endsWith("-03"));
			List<Map<String, List<String>>> unset = rawRelay(List.of("traceparent", TRACEPARENT));
			assertThat(unset).allSatisfy((call) -> assertThat(call.get("traceparent").get(0)).endsWith("-01"));
		}

		@Test
		void onlyAcceptedBaggageReachesTheApplicationAndTheNextHop() throws Exception {
			Map<String, Object> result = baggageRelay(List.of("traceparent", TRACEPARENT, "baggage",
					"role=admin,tenant=victim", "baggage", "user.id=42"));

			assertThat(result.get("seen")).isEqualTo(Map.of("user.id", "42"));
			List<Map<String, List<String>>> forwarded = forwarded(result);
			assertThat(baggageMembers(forwarded.get(0))).containsExactly("user.id=42");
			assertThat(baggageMembers(forwarded.get(1))).containsExactlyInAnyOrder("user.id=42", "app.flag=on");
		}

		@Test
		void timeoutThatTheApplicationAnswersIsRecordedWithTheStatusSentAndNoError() throws Exception {
			RawHttp.Response response = RawHttp.get(this.server.port(), "/deferred-answered",
					List.of("traceparent", TRACEPARENT));
			assertThat(response.status()).isEqualTo(200);

			SpanData a2a = SpanTree.of(awaitSpans(2, this.server)).span("a2a-execution");
			assertThat(a2a.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
			assertThat(a2a.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(a2a.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
		}

		@Test
		void unansweredTimeoutIsRecordedAsTheServerErrorSpringMvcAnswers() throws Exception {
			RawHttp.Response response = RawHttp.get(this.server.port(), "/deferred-unanswered",
					List.of("traceparent", TRACEPARENT));
			assertThat(response.status()).isEqualTo(503);

			SpanData a2a = SpanTree.of(awaitSpans(2, this.server)).span("a2a-execution");
			assertThat(a2a.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
			assertThat(a2a.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(a2a.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("503");
		}

		private List<String> tracestate(List<String> lines) {
			List<String> headers = new ArrayList<>(List.of("traceparent", TRACEPARENT));
			lines.forEach((line) -> headers.addAll(List.of("tracestate", line)));
			return headers;
		}

		/** The root span of one /relay request, once its eight spans have arrived. */
		private SpanData relayRoot() {
			List<SpanData> spans = awaitSpans(8, this.server);
			assertThat(spans).hasSize(8);
			assertThat(spans).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(spans.get(0).getTraceId()));
			return SpanTree.of(spans).span("GET /relay");
		}

		@SuppressWarnings("unchecked")
		private List<Map<String, List<String>>> rawRelay(List<String> headers) throws Exception {
			this.server.context.getBean(InMemorySpanExporter.class).reset();
			RawHttp.Response response = RawHttp.get(this.server.port(), "/relay", headers);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			List<Map<String, List<String>>> forwarded = JsonMapper.builder().build().readValue(response.body(),
					List.class);
			assertThat(forwarded).hasSize(2).allSatisfy((call) -> assertThat(call.get("traceparent")).hasSize(1));
			return forwarded;
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> baggageRelay(List<String> headers) throws Exception {
			RawHttp.Response response = RawHttp.get(this.server.port(), "/baggage-relay", headers);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			return JsonMapper.builder().build().readValue(response.body(), Map.class);
		}

		@SuppressWarnings("unchecked")
		private List<Map<String, List<String>>> forwarded(Map<String, Object> result) {
			return (List<Map<String, List<String>>>) result.get("forwarded");
		}

		private List<String> baggageMembers(Map<String, List<String>> call) {
			return call.get("baggage").stream().flatMap((line) -> Arrays.stream(line.split("\\s*,\\s*"))).toList();
		}

	}

	@Test
	void byDefaultNoBaggageOfTheCallerReachesTheApplicationOrTheNextHop() throws Exception {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			RawHttp.Response response = RawHttp.get(server.port(), "/baggage-relay",
					List.of("baggage", "role=admin,tenant=victim,user.id=42"));
			assertThat(response.status()).isEqualTo(200);
			Map<?, ?> result = JsonMapper.builder().build().readValue(response.body(), Map.class);

			assertThat(result.get("seen")).isEqualTo(Map.of());
			assertThat((List<?>) result.get("forwarded")).first()
				.satisfies((call) -> assertThat((List<?>) ((Map<?, ?>) call).get("baggage")).isEmpty());
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, List<String>>> relay(Service server, String... traceparents) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/relay")));
		for (String traceparent : traceparents) {
			request.header("traceparent", traceparent);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readValue(response.body(), List.class);
	}

	private static List<SpanData> awaitSpans(int count, Service... services) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> spans = collect(services);
		while (spans.size() < count && System.nanoTime() < deadline) {
			sleep(10);
			spans = collect(services);
		}
		sleep(50);
		return collect(services);
	}

	private static List<SpanData> collect(Service... services) {
		List<SpanData> spans = new ArrayList<>();
		for (Service service : services) {
			spans.addAll(service.context.getBean(InMemorySpanExporter.class).getFinishedSpanItems());
		}
		return spans;
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A Spring Boot application with the OpenTelemetry starter, exporting to memory. */
	private record Service(ConfigurableApplicationContext context) implements AutoCloseable {

		static Service start(String name, WebApplicationType type, Class<?> configuration, String... properties) {
			List<String> all = new ArrayList<>(List.of("spring.application.name=" + name, "server.port=0",
					"server.address=127.0.0.1", "otel.traces.exporter=none", "otel.metrics.exporter=none",
					"otel.logs.exporter=none", "spring.main.banner-mode=off"));
			all.addAll(List.of(properties));
			return new Service(new SpringApplicationBuilder(configuration, InMemoryExport.class).web(type)
				.properties(all.toArray(String[]::new))
				.run());
		}

		int port() {
			return ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		String url(String path) {
			return "http://127.0.0.1:" + port() + path;
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryExport {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		AutoConfigurationCustomizerProvider inMemorySpanExport(InMemorySpanExporter exporter) {
			return (customizer) -> customizer.addTracerProviderCustomizer(
					(builder, config) -> builder.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentServer {

		@Bean
		ScriptedLlm scriptedLlm() {
			return new ScriptedLlm();
		}

		@Bean
		Planner planner(ScriptedLlm llm) {
			return new Planner(llm);
		}

		@Bean
		PlannerChat plannerChat(Planner planner) {
			return new PlannerChat(planner);
		}

		@Bean
		AgentServerController agentServerController(PlannerChat chat, RestClient.Builder builder,
				Environment environment) {
			return new AgentServerController(chat, builder.build(), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentCaller {

		@Bean
		RemotePlanner remotePlanner(RestClient.Builder builder, Environment environment) {
			return new RemotePlanner(builder.baseUrl(environment.getRequiredProperty("remote-planner.url")).build());
		}

	}

	@RestController
	static class AgentServerController {

		private final PlannerChat chat;

		private final RestClient restClient;

		private final Environment environment;

		AgentServerController(PlannerChat chat, RestClient restClient, Environment environment) {
			this.chat = chat;
			this.restClient = restClient;
			this.environment = environment;
		}

		@PostMapping("/a2a")
		String a2a(@RequestBody String message) {
			return this.chat.run(message);
		}

		/** The propagation headers this request arrived with on the wire, every line of each. */
		@GetMapping("/headers")
		Map<String, List<String>> headers(HttpServletRequest request) {
			ServletRequest wire = request;
			while (wire instanceof ServletRequestWrapper wrapper) {
				wire = wrapper.getRequest();
			}
			Map<String, List<String>> found = new LinkedHashMap<>();
			for (String name : List.of("traceparent", "tracestate", "baggage")) {
				found.put(name, Collections.list(((HttpServletRequest) wire).getHeaders(name)));
			}
			return found;
		}

		/** The baggage this request's context holds, and what {@code /headers} receives with it. */
		@GetMapping("/baggage-relay")
		@SuppressWarnings("unchecked")
		Map<String, Object> baggageRelay() {
			String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/headers";
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("seen", Baggage.current().asMap().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().getValue())));
			Map<?, ?> plain = this.restClient.get().uri(url).retrieve().body(Map.class);
			Map<?, ?> withApplicationBaggage;
			try (Scope scope = Baggage.current().toBuilder().put("app.flag", "on").build().makeCurrent()) {
				withApplicationBaggage = this.restClient.get().uri(url).retrieve().body(Map.class);
			}
			result.put("forwarded", List.of(plain, withApplicationBaggage));
			return result;
		}

		/** Times out after 200 ms, and the application answers the timeout with 200. */
		@GetMapping("/deferred-answered")
		DeferredResult<String> deferredAnswered() {
			return new DeferredResult<>(200L, "fallback");
		}

		/** Times out after 200 ms unanswered: Spring MVC answers 503. */
		@GetMapping("/deferred-unanswered")
		DeferredResult<String> deferredUnanswered() {
			return new DeferredResult<>(200L);
		}

		@GetMapping("/relay")
		@SuppressWarnings("unchecked")
		List<Map<String, List<String>>> relay() {
			String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/headers";
			return List.of(this.restClient.get().uri(url).retrieve().body(Map.class),
					this.restClient.get().uri(url).retrieve().body(Map.class));
		}

	}

	@Agent(name = "remote_planner", remote = true)
	static class RemotePlanner {

		private final RestClient restClient;

		RemotePlanner(RestClient restClient) {
			this.restClient = restClient;
		}

		public String ask(String question) {
			return this.restClient.post().uri("/a2a").body(question).retrieve().body(String.class);
		}

	}

	static class PlannerChat {

		private final Planner planner;

		PlannerChat(Planner planner) {
			this.planner = planner;
		}

		@Conversation(agent = "planner", id = "trip-7")
		public String run(String message) {
			return this.planner.reply(message);
		}

	}

	@Agent(name = "planner")
	static class Planner {

		private final ScriptedLlm llm;

		Planner(ScriptedLlm llm) {
			this.llm = llm;
		}

		public String reply(String message) {
			return this.llm.chat(message);
		}

	}

	@LlmClient(provider = "openai", model = "gpt-4o-mini")
	static class ScriptedLlm {

		public String chat(String prompt) {
			Ag2Span.current().setUsage(12, 5).setFinishReasons("stop");
			return "Take the night train.";
		}

	}

}
