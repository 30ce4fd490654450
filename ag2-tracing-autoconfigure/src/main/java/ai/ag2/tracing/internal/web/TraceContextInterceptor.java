package ai.ag2.tracing.internal.web;

import java.io.IOException;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The trace on the wire for RestClient and RestTemplate: hands each exchange to
 * {@link HttpClientTracing}, which holds the rules (headers set, never added: one
 * {@code traceparent}, and a {@code tracestate} only of the same span; a CLIENT span
 * {@code {method}} unless Micrometer's RestClient observation or the OpenTelemetry starter made one
 * for the exchange; the server's address on the remote agent or LLM span; nothing outside a
 * trace). A failure here never reaches the caller: the request is then sent as it was, and the
 * response or exception of the exchange reaches the caller unchanged.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextInterceptor implements ClientHttpRequestInterceptor {

	private final HttpClientTracing tracing;

	public TraceContextInterceptor(HttpClientTracing tracing) {
		this.tracing = tracing;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return execution.execute(request, body);
		}
		HttpHeaders headers = request.getHeaders();
		exchange.inject(headers::set, headers::remove);
		ClientHttpResponse response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = execution.execute(request, body);
		}
		catch (IOException | RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		exchange.end(status(response), null);
		return response;
	}

	private HttpClientTracing.@Nullable Exchange start(HttpRequest request) {
		try {
			return this.tracing.start(request.getMethod().name(), request.getURI(), Context.current(),
					request.getHeaders().getFirst(HttpClientTracing.TRACEPARENT));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("sending the trace context with an outbound request", ex);
			return null;
		}
	}

	private static int status(ClientHttpResponse response) {
		try {
			return response.getStatusCode().value();
		}
		catch (IOException | RuntimeException ex) {
			// the caller reads the status itself and sees the failure there
			return -1;
		}
	}

}
