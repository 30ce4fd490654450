package ai.ag2.tracing.internal.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.ag2.tracing.internal.Ag2Frame;
import ai.ag2.tracing.internal.InstrumentationFailures;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends the current trace context ({@code traceparent}, {@code tracestate}, {@code baggage}, or
 * whatever the {@link OpenTelemetry} bean's propagators write) with each outbound request, and,
 * when the innermost ag2 span is a remote agent's, records {@code server.address} and
 * {@code server.port} of the request on it.
 * <p>
 * Each propagation header is <em>set</em>, never added: when Micrometer's RestClient
 * observation has already written {@code traceparent} for its HTTP client span, this
 * interceptor runs inside that span's scope and writes the same value in its place, so the
 * request carries exactly one {@code traceparent}, naming the innermost span as parent. A
 * failure here never reaches the caller: the request is then sent as it was.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextInterceptor implements ClientHttpRequestInterceptor {

	private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> {
		if (carrier != null) {
			carrier.put(key, value);
		}
	};

	private final OpenTelemetry openTelemetry;

	public TraceContextInterceptor(OpenTelemetry openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		try {
			Context context = Context.current();
			injectInto(request.getHeaders(), context);
			recordRemoteAgentServer(request.getURI(), context);
		}
		catch (RuntimeException ex) {
			InstrumentationFailures.report("Sending the trace context with an outbound request", ex);
		}
		return execution.execute(request, body);
	}

	private void injectInto(HttpHeaders headers, Context context) {
		Map<String, String> fields = new LinkedHashMap<>();
		this.openTelemetry.getPropagators().getTextMapPropagator().inject(context, fields, MAP_SETTER);
		fields.forEach(headers::set);
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

}
