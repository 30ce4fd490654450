package ai.ag2.tracing.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.OtlpHttpReceiver;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Boot's OTLP endpoint set, the sample's spans reach an OTLP/HTTP collector through the JDK
 * HttpClient sender the starter brings (no OkHttp of its own: the OkHttp 4 on the class path is
 * Spring AI's), as protobuf with their parents, scope and service.
 */
@SpringBootTest(properties = { "sample.run-walkthrough=false", "ag2.tracing.console.enabled=false" })
class OtlpExportTests {

	private static final OtlpHttpReceiver collector = OtlpHttpReceiver.start();

	@Autowired
	private Walkthrough walkthrough;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void otlpEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void starterBringsNoOkHttpOfItsOwn() throws ReflectiveOperationException {
		// the only OkHttp is the OkHttp 4 of Spring AI's OpenAI client (the sample's Spring AI scenario)
		assertThat(ClassUtils.isPresent("io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSender", null))
			.isFalse();
		// read at run time: the constant would be inlined from the compile class path
		assertThat(okhttp3.OkHttp.class.getField("VERSION").get(null)).asString().startsWith("4.");
		assertThat(ClassUtils.isPresent("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSender", null)).isTrue();
	}

	@Test
	void conversationSpansReachTheOtlpHttpCollector() {
		this.walkthrough.twoAgentChat();
		CompletableResultCode flushed = this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);

		assertThat(flushed.isSuccess()).as("export to the collector succeeded").isTrue();
		assertThat(collector.received()).isNotEmpty()
			.allSatisfy((received) -> assertThat(received.contentType()).isEqualTo("application/x-protobuf"));
		List<ExportedSpan> spans = collector.received()
			.stream()
			.flatMap((received) -> received.request().getResourceSpansList().stream())
			.flatMap(ExportedSpan::of)
			.toList();
		Map<String, ExportedSpan> byName = spans.stream()
			.filter((span) -> span.scope().equals(Ag2Attributes.INSTRUMENTATION_SCOPE))
			.collect(Collectors.toMap((span) -> span.span().getName(), (span) -> span));
		assertThat(byName).containsOnlyKeys("conversation user_proxy", "invoke_agent assistant", "chat gpt-4o-mini");
		Span conversation = byName.get("conversation user_proxy").span();
		Span turn = byName.get("invoke_agent assistant").span();
		Span chat = byName.get("chat gpt-4o-mini").span();
		assertThat(conversation.getParentSpanId()).isEqualTo(ByteString.EMPTY);
		assertThat(turn.getParentSpanId()).isEqualTo(conversation.getSpanId());
		assertThat(chat.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(List.of(turn.getTraceId(), chat.getTraceId())).containsOnly(conversation.getTraceId());
		assertThat(chat.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
		assertThat(attributes(turn)).containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME.getKey(), "assistant")
			.containsEntry(Ag2Attributes.AG2_SPAN_TYPE.getKey(), "agent");
		assertThat(attributes(chat)).containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL.getKey(), "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME.getKey(), "openai");
		assertThat(byName.values()).extracting(ExportedSpan::service).containsOnly("ag2-tracing-sample");
	}

	private static Map<String, String> attributes(Span span) {
		return attributes(span.getAttributesList());
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.filter((attribute) -> attribute.getValue().hasStringValue())
			.collect(Collectors.toMap(KeyValue::getKey, (attribute) -> attribute.getValue().getStringValue()));
	}

	/** A span as the collector received it, with its scope and service. */
	private record ExportedSpan(Span span, String scope, String service) {

		static java.util.stream.Stream<ExportedSpan> of(ResourceSpans resourceSpans) {
			String service = attributes(resourceSpans.getResource().getAttributesList()).get("service.name");
			List<ExportedSpan> spans = new ArrayList<>();
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					spans.add(new ExportedSpan(span, scopeSpans.getScope().getName(), service));
				}
			}
			return spans.stream();
		}

	}

}
