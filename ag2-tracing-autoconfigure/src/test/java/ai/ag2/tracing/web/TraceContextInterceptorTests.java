package ai.ag2.tracing.web;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link TraceContextInterceptor} on its own (on {@link HttpClientTracing}): what it sends,
 * which spans it opens and enriches, and that its own failures never reach the caller.
 */
class TraceContextInterceptorTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
		.setTracerProvider(
				SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
		.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
		.build();

	private final Tracer tracer = this.openTelemetry.getTracer(Ag2Attributes.INSTRUMENTATION_SCOPE);

	private final TraceContextInterceptor interceptor = new TraceContextInterceptor(
			new HttpClientTracing(this.openTelemetry, this.tracer, true, () -> false));

	@Test
	void remoteAgentSpanRecordsTheDefaultPortOfTheScheme() throws IOException {
		assertRemoteAgentServer("https://agents.example.com/a2a", "agents.example.com", 443);
		assertRemoteAgentServer("http://agents.example.com/a2a", "agents.example.com", 80);
		assertRemoteAgentServer("http://10.0.0.7:8081/a2a", "10.0.0.7", 8081);
	}

	@Test
	void callOutsideAnyTraceSendsNoTraceparentAndOpensNoSpan() throws IOException {
		MockClientHttpRequest request = request("http://localhost:8080/");
		this.interceptor.intercept(request, new byte[0], ok());
		assertThat(request.getHeaders().get("traceparent")).isNull();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void callerSuppliedTraceparentIsReplacedNotDuplicated() throws IOException {
		MockClientHttpRequest request = request("http://localhost:8080/");
		request.getHeaders().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		Span parent = this.tracer.spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			this.interceptor.intercept(request, new byte[0], ok());
		}
		parent.end();
		SpanData get = span("GET");
		assertThat(request.getHeaders().get("traceparent")).singleElement()
			.asString()
			.startsWith("00-" + get.getTraceId() + "-" + get.getSpanId() + "-");
	}

	@Test
	void callerSuppliedTracestateLinesAreReplacedByTheCurrentSpansOne() throws IOException {
		MockClientHttpRequest request = request("http://localhost:8080/");
		request.getHeaders().add("tracestate", "stale=1");
		request.getHeaders().add("tracestate", "stale=2");
		Span parent = this.tracer.spanBuilder("parent")
			.setParent(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
					"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
					TraceState.builder().put("congo", "t61rcWkgMzE").build()))))
			.startSpan();
		try (Scope scope = parent.makeCurrent()) {
			this.interceptor.intercept(request, new byte[0], ok());
		}
		parent.end();
		assertThat(request.getHeaders().get("tracestate")).containsExactly("congo=t61rcWkgMzE");
	}

	@Test
	void callerSuppliedTracestateIsRemovedWhenTheTraceHasNone() throws IOException {
		MockClientHttpRequest request = request("http://localhost:8080/");
		request.getHeaders().add("tracestate", "stale=1");
		Span parent = this.tracer.spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			this.interceptor.intercept(request, new byte[0], ok());
		}
		parent.end();
		assertThat(request.getHeaders().get("traceparent")).hasSize(1);
		assertThat(request.getHeaders().get("tracestate")).isNull();
	}

	@Test
	void failedExchangeMarksTheClientSpanAndRethrowsTheSameException() {
		IOException refused = new IOException("connection refused");
		Span parent = this.tracer.spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			assertThatThrownBy(() -> this.interceptor.intercept(request("http://localhost:1/"), new byte[0],
					(request, body) -> {
						throw refused;
					}))
				.isSameAs(refused);
		}
		parent.end();
		SpanData get = span("GET");
		assertThat(get.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(get.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(get.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo(IOException.class.getName());
	}

	@Test
	void failingPropagatorNeverReachesTheCaller() throws IOException {
		OpenTelemetry broken = OpenTelemetrySdk.builder()
			.setTracerProvider(this.openTelemetry.getSdkTracerProvider())
			.setPropagators(ContextPropagators.create(new FailingPropagator()))
			.build();
		TraceContextInterceptor interceptor = new TraceContextInterceptor(
				new HttpClientTracing(broken, this.tracer, true, () -> false));
		MockClientHttpResponse response = new MockClientHttpResponse(new byte[0], HttpStatus.OK);
		Span parent = this.tracer.spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			assertThat(interceptor.intercept(request("http://localhost:8080/"), new byte[0],
					(request, body) -> response))
				.isSameAs(response);
		}
		parent.end();
	}

	private void assertRemoteAgentServer(String url, String host, long port) throws IOException {
		this.exporter.reset();
		Span agent = this.tracer.spanBuilder("invoke_agent remote").setSpanKind(SpanKind.CLIENT).startSpan();
		Ag2Frame frame = new Ag2Frame(Ag2SpanType.AGENT, agent, null, "remote", null, true, null);
		try (Scope scope = frame.storeIn(Context.current().with(agent)).makeCurrent()) {
			this.interceptor.intercept(request(url), new byte[0], ok());
		}
		agent.end();
		SpanData span = span("invoke_agent remote");
		assertThat(span.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo(host);
		assertThat(span.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo(port);
	}

	private SpanData span(String name) {
		List<SpanData> spans = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.toList();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private static MockClientHttpRequest request(String url) {
		return new MockClientHttpRequest(HttpMethod.GET, URI.create(url));
	}

	private static ClientHttpRequestExecution ok() {
		return (request, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK);
	}

	/** A propagator that fails on every call, like a broken custom one. */
	static final class FailingPropagator implements TextMapPropagator {

		@Override
		public Collection<String> fields() {
			return List.of("traceparent");
		}

		@Override
		public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
			throw new IllegalStateException("broken propagator");
		}

		@Override
		public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
			throw new IllegalStateException("broken propagator");
		}

	}

}
