package ai.ag2.tracing.internal.mcp;

import ai.ag2.tracing.internal.async.AsyncOutcome;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * A {@link Mono} subscribed to with an OpenTelemetry context current, and carrying it in its
 * Reactor context: what the source does on the subscribing thread (a synchronous MCP handler, the
 * SDK's reaction to an answer) runs in that context, and with
 * {@code spring.reactor.context-propagation=auto} so does what it moves to other schedulers.
 */
final class ScopedMono<T> extends Mono<T> {

	private final Mono<T> source;

	private final Context context;

	private ScopedMono(Mono<T> source, Context context) {
		this.source = source;
		this.context = context;
	}

	static <T> Mono<T> of(Mono<T> source, Context context) {
		return new ScopedMono<>(source.contextWrite((reactor) -> reactor.put(AsyncOutcome.REACTOR_CONTEXT_KEY, context)),
				context);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		try (Scope ignored = this.context.makeCurrent()) {
			this.source.subscribe(actual);
		}
	}

}
