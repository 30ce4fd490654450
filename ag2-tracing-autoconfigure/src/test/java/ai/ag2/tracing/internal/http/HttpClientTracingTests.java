package ai.ag2.tracing.internal.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.context.Ag2Frame;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link HttpClientTracing} that every adapter shares.
 */
class HttpClientTracingTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
		.setTracerProvider(
				SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
		.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
		.build();

	private final Tracer tracer = this.openTelemetry.getTracer(Ag2Attributes.INSTRUMENTATION_SCOPE);

	private final HttpClientTracing tracing = new HttpClientTracing(this.openTelemetry, this.tracer, true,
			() -> false);

	private final URI uri = URI.create("https://llm.example.com/v1/chat/completions");

	@Test
	void traceparentOfThisTraceWrittenForAnotherSpanIsKeptAndNoSpanIsOpened() {
		Span parent = this.tracer.spanBuilder("chat").startSpan();
		Context context = Context.root().with(parent);
		String other = "00-" + parent.getSpanContext().getTraceId() + "-00f067aa0ba902b7-01";

		HttpClientTracing.Exchange exchange = this.tracing.start("POST", this.uri, context, other);

		assertThat(exchange.hasSpan()).isFalse();
		assertThat(exchange.propagates()).isFalse();
		assertThat(inject(exchange, Map.of("traceparent", other))).containsExactly(Map.entry("traceparent", other));
	}

	@Test
	void traceparentOfAnotherTraceIsReplacedByTheExchangesSpan() {
		Span parent = this.tracer.spanBuilder("chat").startSpan();
		String stale = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

		HttpClientTracing.Exchange exchange = this.tracing.start("POST", this.uri, Context.root().with(parent), stale);

		assertThat(exchange.hasSpan()).isTrue();
		Span client = Span.fromContext(exchange.context());
		assertThat(inject(exchange, Map.of("traceparent", stale)).get("traceparent"))
			.isEqualTo("00-" + client.getSpanContext().getTraceId() + "-" + client.getSpanContext().getSpanId() + "-"
					+ client.getSpanContext().getTraceFlags().asHex());
		exchange.end(200, null);
	}

	@Test
	void tracestateOfTheReplacedTraceparentIsRemoved() {
		Span parent = this.tracer.spanBuilder("chat").startSpan();
		HttpClientTracing.Exchange exchange = this.tracing.start("POST", this.uri, Context.root().with(parent), null);

		Map<String, String> headers = inject(exchange, Map.of("tracestate", "vendor=stale", "baggage", "tenant=a"));

		assertThat(headers).containsKey("traceparent").doesNotContainKey("tracestate").containsEntry("baggage", "tenant=a");
		exchange.end(200, null);
	}

	@Test
	void endpointGoesOnTheLlmCallsDetailsOnce() {
		Span chat = this.tracer.spanBuilder("chat").startSpan();
		LlmCallDetails details = new LlmCallDetails();
		Ag2Frame frame = new Ag2Frame(Ag2SpanType.LLM, chat, null, null, null, false, details);
		Context context = frame.storeIn(Context.root().with(chat));

		this.tracing.start("POST", this.uri, context, null).end(200, null);
		this.tracing.recordEndpoint(URI.create("http://other.example.com:8080/"), context);

		assertThat(details.getServerAddress()).isEqualTo("llm.example.com");
		assertThat(details.getServerPort()).isEqualTo(443L);
	}

	@Test
	void outsideATraceNothingIsSentAndNoSpanOpened() {
		HttpClientTracing.Exchange exchange = this.tracing.start("GET", this.uri, Context.root(), null);

		assertThat(exchange.hasSpan()).isFalse();
		assertThat(inject(exchange, Map.of())).isEmpty();
	}

	private static Map<String, String> inject(HttpClientTracing.Exchange exchange, Map<String, String> before) {
		Map<String, String> headers = new LinkedHashMap<>(before);
		exchange.inject(headers::put, headers::remove);
		return headers;
	}

}
