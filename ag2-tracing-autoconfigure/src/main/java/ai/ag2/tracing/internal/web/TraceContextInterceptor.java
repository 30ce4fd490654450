package ai.ag2.tracing.internal.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.SpanOutcome;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends the current trace context ({@code traceparent}, {@code tracestate}, {@code baggage}, or
 * whatever the {@link OpenTelemetry} bean's propagators write) with each outbound request made
 * inside a trace, and, when the innermost ag2 span is a remote agent's, records
 * {@code server.address} and {@code server.port} of the request on it.
 * <p>
 * The parent named in {@code traceparent} is always the innermost span, and a span of the
 * request alone, so that each call has its own parent span id. When Micrometer's RestClient
 * observation (or another instrumentation) has opened the HTTP client span, that span is current
 * here and is used; otherwise the interceptor opens the CLIENT span {@code {method}} itself.
 * When every RestClient call gets an HTTP client span from an interceptor of the
 * OpenTelemetry starter, which may run before or after this one, the interceptor opens none
 * ({@code opensClientSpans} false): that interceptor names its own span in {@code traceparent}.
 * Each propagation header is <em>set</em>, never added, so the request carries exactly one
 * {@code traceparent} and at most one {@code tracestate} line, that of the same span. Outside
 * any trace nothing is sent. A failure here never reaches the
 * caller: the request is then sent as it was, and the response or exception of the exchange
 * reaches the caller unchanged.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextInterceptor implements ClientHttpRequestInterceptor {

	private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> {
		if (carrier != null) {
			carrier.put(key, value);
		}
	};

	private static final String TRACEPARENT = "traceparent";

	private static final String TRACESTATE = "tracestate";

	private final OpenTelemetry openTelemetry;

	private final Tracer tracer;

	private final boolean opensClientSpans;

	public TraceContextInterceptor(OpenTelemetry openTelemetry, Tracer tracer, boolean opensClientSpans) {
		this.openTelemetry = openTelemetry;
		this.tracer = tracer;
		this.opensClientSpans = opensClientSpans;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Span span = start(request);
		if (span == null) {
			return execution.execute(request, body);
		}
		try (Scope scope = span.makeCurrent()) {
			inject(request.getHeaders(), Context.current());
			ClientHttpResponse response = execution.execute(request, body);
			recordStatus(span, response);
			return response;
		}
		catch (IOException | RuntimeException | Error ex) {
			SpanOutcome.recordFailure(span, ex);
			throw ex;
		}
		finally {
			SpanOutcome.end(span);
		}
	}

	/**
	 * Record the remote agent's server and send the context; the HTTP client span to open, or
	 * {@code null} when the stack has opened one already or there is no trace to continue.
	 */
	private @Nullable Span start(HttpRequest request) {
		try {
			Context context = Context.current();
			URI uri = request.getURI();
			recordRemoteAgentServer(uri, context);
			if (!Span.fromContext(context).getSpanContext().isValid()) {
				return null;
			}
			if (!this.opensClientSpans || HttpClientSpans.isForeignClientSpan(context)) {
				inject(request.getHeaders(), context);
				return null;
			}
			String method = request.getMethod().name();
			SpanBuilder builder = this.tracer.spanBuilder(method)
				.setParent(context)
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
			if (uri != null && uri.getHost() != null) {
				builder.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
				int port = portOf(uri);
				if (port > 0) {
					builder.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
				}
				builder.setAttribute(UrlAttributes.URL_FULL, withoutQueryAndUserInfo(uri, port));
			}
			return builder.startSpan();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Sending the trace context with an outbound request", ex);
			return null;
		}
	}

	private void inject(HttpHeaders headers, Context context) {
		try {
			Map<String, String> fields = new LinkedHashMap<>();
			this.openTelemetry.getPropagators().getTextMapPropagator().inject(context, fields, MAP_SETTER);
			fields.forEach(headers::set);
			if (fields.containsKey(TRACEPARENT) && !fields.containsKey(TRACESTATE)) {
				// a tracestate set earlier belongs to another traceparent
				headers.remove(TRACESTATE);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Sending the trace context with an outbound request", ex);
		}
	}

	private static void recordStatus(Span span, ClientHttpResponse response) {
		try {
			int status = response.getStatusCode().value();
			span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
			if (status >= 400) {
				span.setStatus(StatusCode.ERROR);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, String.valueOf(status));
			}
		}
		catch (IOException | RuntimeException ex) {
			// the caller reads the status itself and sees the failure there
		}
	}


	private static void recordRemoteAgentServer(@Nullable URI uri, Context context) {
		Ag2Frame frame = Ag2Frame.from(context);
		if (uri == null || frame == null || !frame.isRemoteAgent() || uri.getHost() == null) {
			return;
		}
		Span span = frame.span();
		span.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
		int port = portOf(uri);
		if (port > 0) {
			span.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
		}
	}

	private static int portOf(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		String scheme = uri.getScheme();
		if ("https".equalsIgnoreCase(scheme)) {
			return 443;
		}
		return "http".equalsIgnoreCase(scheme) ? 80 : -1;
	}

	private static String withoutQueryAndUserInfo(URI uri, int port) {
		StringBuilder url = new StringBuilder();
		url.append(uri.getScheme()).append("://").append(uri.getHost());
		if (uri.getPort() != -1) {
			url.append(':').append(port);
		}
		String path = uri.getRawPath();
		url.append((path != null) ? path : "");
		return url.toString();
	}

}
