package ai.ag2.tracing.web;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.web.A2aExecutionFilter;
import ai.ag2.tracing.web.TraceContextInterceptorTests.FailingPropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link A2aExecutionFilter} on its own: which kind of span it opens, and that its own
 * failures never break the request.
 */
class A2aExecutionFilterTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@Test
	void failingPropagatorStillServesTheRequest() throws Exception {
		OpenTelemetrySdk broken = OpenTelemetrySdk.builder()
			.setTracerProvider(this.tracerProvider)
			.setPropagators(ContextPropagators.create(new FailingPropagator()))
			.build();
		A2aExecutionFilter filter = new A2aExecutionFilter(broken, broken.getTracer(Ag2Attributes.INSTRUMENTATION_SCOPE));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/a2a");
		request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_OK);
	}

	@Test
	void requestInsideAnotherComponentsServerSpanOpensAnInternalSpanUnderIt() throws Exception {
		OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(this.tracerProvider).build();
		A2aExecutionFilter filter = new A2aExecutionFilter(openTelemetry,
				openTelemetry.getTracer(Ag2Attributes.INSTRUMENTATION_SCOPE));
		Span server = openTelemetry.getTracer("stack").spanBuilder("GET /a2a").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = server.makeCurrent()) {
			filter.doFilter(new MockHttpServletRequest("GET", "/a2a"), new MockHttpServletResponse(),
					new MockFilterChain());
		}
		server.end();
		SpanData a2a = this.exporter.getFinishedSpanItems().get(0);
		assertThat(a2a.getName()).isEqualTo("a2a-execution");
		assertThat(a2a.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(a2a.getParentSpanId()).isEqualTo(server.getSpanContext().getSpanId());
	}

}
