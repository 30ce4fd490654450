package ai.ag2.tracing.internal.langchain4j;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link HttpClient} that hands each request to {@link HttpClientTracing}: the
 * request goes out with the trace context of the current span (the {@code chat} span of the model
 * call, through the client span opened for the exchange), the endpoint's host and port go on the
 * LLM call, and the exchange ends with the response, the error status or, for a server-sent event
 * stream, when the stream closes or fails. Propagation headers are set, replacing any the request
 * had. A failure of the tracing leaves the request as it was.
 * <p>
 * Internal API: may change without notice.
 */
final class TracingHttpClient implements HttpClient {

	private final HttpClient delegate;

	private final HttpClientTracing tracing;

	TracingHttpClient(HttpClient delegate, HttpClientTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return this.delegate.execute(request);
		}
		SuccessfulHttpResponse response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = this.delegate.execute(withTraceHeaders(request, exchange));
		}
		catch (HttpException failure) {
			exchange.end(failure.statusCode(), null);
			throw failure;
		}
		catch (Throwable failure) {
			exchange.end(-1, failure);
			throw failure;
		}
		exchange.end(response.statusCode(), null);
		return response;
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventListener listener) {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			this.delegate.execute(request, listener);
			return;
		}
		try (Scope ignored = exchange.context().makeCurrent()) {
			this.delegate.execute(withTraceHeaders(request, exchange), new EndingListener(listener, exchange));
		}
		catch (Throwable failure) {
			exchange.end(-1, failure);
			throw failure;
		}
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			this.delegate.execute(request, parser, listener);
			return;
		}
		try (Scope ignored = exchange.context().makeCurrent()) {
			this.delegate.execute(withTraceHeaders(request, exchange), parser, new EndingListener(listener, exchange));
		}
		catch (Throwable failure) {
			exchange.end(-1, failure);
			throw failure;
		}
	}

	private HttpClientTracing.@Nullable Exchange start(HttpRequest request) {
		try {
			return this.tracing.start(request.method().name(), URI.create(request.url()));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing a LangChain4j HTTP request", ex);
			return null;
		}
	}

	// HttpRequest is immutable: the same request again, its headers case-insensitive, with the trace set
	private static HttpRequest withTraceHeaders(HttpRequest request, HttpClientTracing.Exchange exchange) {
		try {
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			request.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
			boolean[] injected = { false };
			exchange.inject((name, value) -> {
				headers.put(name, List.of(value));
				injected[0] = true;
			});
			if (!injected[0]) {
				return request;
			}
			return HttpRequest.builder()
				.method(request.method())
				.url(request.url())
				.headers(headers)
				.formDataFields(request.formDataFields())
				.formDataFiles(request.formDataFiles())
				.body(request.body())
				.build();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("adding the trace context to a LangChain4j HTTP request", ex);
			return request;
		}
	}

	/** Ends the exchange once, when the stream closes or fails, before the listener hears of it. */
	private static final class EndingListener implements ServerSentEventListener {

		private final ServerSentEventListener delegate;

		private final HttpClientTracing.Exchange exchange;

		private final AtomicBoolean ended = new AtomicBoolean();

		private volatile int status = -1;

		EndingListener(ServerSentEventListener delegate, HttpClientTracing.Exchange exchange) {
			this.delegate = delegate;
			this.exchange = exchange;
		}

		@Override
		public void onOpen(SuccessfulHttpResponse response) {
			this.status = response.statusCode();
			this.delegate.onOpen(response);
		}

		@Override
		public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
			this.delegate.onEvent(event, context);
		}

		@Override
		public void onEvent(ServerSentEvent event) {
			this.delegate.onEvent(event);
		}

		@Override
		public void onError(Throwable throwable) {
			if (this.ended.compareAndSet(false, true)) {
				if (throwable instanceof HttpException http) {
					this.exchange.end(http.statusCode(), null);
				}
				else {
					this.exchange.end(this.status, throwable);
				}
			}
			this.delegate.onError(throwable);
		}

		@Override
		public void onClose() {
			if (this.ended.compareAndSet(false, true)) {
				this.exchange.end(this.status, null);
			}
			this.delegate.onClose();
		}

	}

}
