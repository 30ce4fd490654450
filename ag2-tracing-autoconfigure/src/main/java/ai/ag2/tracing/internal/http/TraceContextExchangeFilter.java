package ai.ag2.tracing.internal.http;

import java.net.URI;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncOutcome;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The trace on the wire for {@link WebClient}: a filter that hands each exchange to
 * {@link HttpClientTracing} when the exchange is subscribed to. On the reactive path the thread
 * that subscribes is rarely the caller's, so the exchange is made in the context that ag2's
 * subscribers put into the Reactor context ({@link AsyncOutcome#REACTOR_CONTEXT_KEY}: a traced
 * method's {@code Mono}/{@code Flux}), else in the current one; that context, with the exchange's
 * client span, goes on downstream under the same key. The exchange ends with the response, the
 * error or the cancel. Micrometer's WebClient observation writes its {@code traceparent} before the
 * filters run: its span and headers are kept. A failure of the tracing never reaches the exchange.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextExchangeFilter implements ExchangeFilterFunction {

	private final HttpClientTracing tracing;

	public TraceContextExchangeFilter(HttpClientTracing tracing) {
		this.tracing = tracing;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((view) -> exchange(request, next, view));
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, ContextView view) {
		HttpClientTracing.Exchange exchange = start(request, view);
		if (exchange == null) {
			return next.exchange(request);
		}
		ClientRequest sent = withHeaders(request, exchange);
		Mono<ClientResponse> response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = next.exchange(sent);
		}
		catch (RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		return response.doOnSuccess((value) -> exchange.end((value != null) ? value.statusCode().value() : -1, null))
			.doOnError((failure) -> exchange.end(-1, failure))
			.doOnCancel(() -> exchange.end(-1, null))
			.contextWrite((context) -> context.put(AsyncOutcome.REACTOR_CONTEXT_KEY, exchange.context()));
	}

	private HttpClientTracing.@Nullable Exchange start(ClientRequest request, ContextView view) {
		try {
			Object carried = view.getOrDefault(AsyncOutcome.REACTOR_CONTEXT_KEY, null);
			Context context = (carried instanceof Context otel) ? otel : Context.current();
			URI uri = request.url();
			return this.tracing.start(request.method().name(), uri, context,
					request.headers().getFirst(HttpClientTracing.TRACEPARENT));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing a WebClient request", ex);
			return null;
		}
	}

	private static ClientRequest withHeaders(ClientRequest request, HttpClientTracing.Exchange exchange) {
		if (!exchange.propagates()) {
			return request;
		}
		try {
			return ClientRequest.from(request)
				.headers((headers) -> exchange.inject(headers::set, headers::remove))
				.build();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("sending the trace context with a WebClient request", ex);
			return request;
		}
	}

	/** Whether {@code filters} already contain this filter (of any instance). */
	public static boolean isPresentIn(Iterable<ExchangeFilterFunction> filters) {
		for (ExchangeFilterFunction filter : filters) {
			if (filter instanceof TraceContextExchangeFilter) {
				return true;
			}
		}
		return false;
	}

}
