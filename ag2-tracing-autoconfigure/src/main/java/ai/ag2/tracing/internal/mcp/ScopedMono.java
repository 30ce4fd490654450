package ai.ag2.tracing.internal.mcp;

import ai.ag2.tracing.internal.async.AsyncOutcome;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * A {@link Mono} subscribed to, and whose signals are delivered, with an OpenTelemetry context
 * current, carrying it in its Reactor context too: what the source does on the subscribing thread
 * (a synchronous MCP handler, the SDK's reaction to an answer) and what the subscriber does on
 * the thread a signal arrives on (the SDK sending its next request once a message is sent) runs in
 * that context, and with {@code spring.reactor.context-propagation=auto} so does what the source
 * moves to other schedulers.
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
			this.source.subscribe(new ScopedSubscriber<>(actual, this.context));
		}
	}

	private record ScopedSubscriber<T>(CoreSubscriber<? super T> actual, Context context) implements CoreSubscriber<T> {

		@Override
		public reactor.util.context.Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.actual.onSubscribe(subscription);
		}

		@Override
		public void onNext(T value) {
			try (Scope ignored = this.context.makeCurrent()) {
				this.actual.onNext(value);
			}
		}

		@Override
		public void onError(Throwable failure) {
			try (Scope ignored = this.context.makeCurrent()) {
				this.actual.onError(failure);
			}
		}

		@Override
		public void onComplete() {
			try (Scope ignored = this.context.makeCurrent()) {
				this.actual.onComplete();
			}
		}

	}

}
