package ai.ag2.tracing.internal.async;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Reactor {@link Mono} and {@link Flux} results, and results declared as a Reactive Streams
 * {@link Publisher}: the operation ends when the subscription completes, fails or is cancelled;
 * each element of a {@code Flux} is a chunk. The work done at subscription (and on every request
 * and cancel) runs in the operation's context, so spans opened there nest under it, and the
 * subscriber's Reactor context carries that context under {@link AsyncOutcome#REACTOR_CONTEXT_KEY}.
 * The caller gets a {@code Mono} for a {@code Mono}, a {@code Flux} for a {@code Flux} or a
 * {@code Publisher}. Loaded only when Reactor is on the classpath.
 */
final class ReactorEndStrategy implements AsyncEndStrategy {

	@Override
	public boolean supports(Class<?> returnType) {
		return Mono.class.isAssignableFrom(returnType) || Flux.class.isAssignableFrom(returnType)
				|| returnType == Publisher.class;
	}

	@Override
	public boolean isStream(Class<?> returnType) {
		return !Mono.class.isAssignableFrom(returnType);
	}

	@Override
	public Object endWhenComplete(Object result, AsyncOutcome outcome) {
		if (result instanceof Mono<?> mono) {
			return new TracedMono<>(mono, outcome);
		}
		if (result instanceof Flux<?> flux) {
			return new TracedFlux<>(flux, outcome);
		}
		if (result instanceof Publisher<?> publisher) {
			return new TracedFlux<>(Flux.from(publisher), outcome);
		}
		outcome.onComplete(result);
		return result;
	}

	private static final class TracedMono<T> extends MonoOperator<T, T> {

		private final AsyncOutcome outcome;

		TracedMono(Mono<? extends T> source, AsyncOutcome outcome) {
			super(source);
			this.outcome = outcome;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			try (Scope ignored = this.outcome.context().makeCurrent()) {
				this.source.subscribe(new TracingSubscriber<>(actual, this.outcome, false));
			}
		}

	}

	private static final class TracedFlux<T> extends FluxOperator<T, T> {

		private final AsyncOutcome outcome;

		TracedFlux(Flux<? extends T> source, AsyncOutcome outcome) {
			super(source);
			this.outcome = outcome;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			try (Scope ignored = this.outcome.context().makeCurrent()) {
				this.source.subscribe(new TracingSubscriber<>(actual, this.outcome, true));
			}
		}

	}

	/**
	 * Reports each signal to the outcome before passing it on, so the span has ended when the
	 * subscriber sees the completion.
	 */
	private static final class TracingSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final AsyncOutcome outcome;

		private final boolean stream;

		private final AtomicBoolean done = new AtomicBoolean();

		private final Context reactorContext;

		private @Nullable Subscription upstream;

		private @Nullable Object value;

		TracingSubscriber(CoreSubscriber<? super T> actual, AsyncOutcome outcome, boolean stream) {
			this.actual = actual;
			this.outcome = outcome;
			this.stream = stream;
			this.reactorContext = actual.currentContext().put(AsyncOutcome.REACTOR_CONTEXT_KEY, outcome.context());
		}

		@Override
		public Context currentContext() {
			return this.reactorContext;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(T element) {
			if (this.stream) {
				this.outcome.onChunk(element);
			}
			else {
				this.value = element;
			}
			this.actual.onNext(element);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.done.compareAndSet(false, true)) {
				this.outcome.onError(failure);
			}
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			if (this.done.compareAndSet(false, true)) {
				this.outcome.onComplete(this.value);
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				try (Scope ignored = this.outcome.context().makeCurrent()) {
					subscription.request(n);
				}
			}
		}

		@Override
		public void cancel() {
			if (this.done.compareAndSet(false, true)) {
				this.outcome.onCancel();
			}
			Subscription subscription = this.upstream;
			if (subscription != null) {
				try (Scope ignored = this.outcome.context().makeCurrent()) {
					subscription.cancel();
				}
			}
		}

	}

}
