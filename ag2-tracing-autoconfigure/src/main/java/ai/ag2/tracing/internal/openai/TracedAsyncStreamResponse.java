package ai.ag2.tracing.internal.openai;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import com.openai.core.http.AsyncStreamResponse;

/**
 * An {@link AsyncStreamResponse} that tells a {@link StreamWatcher} of every chunk its handler
 * gets and of the end: the handler's completion (with or without an error), the response closed
 * first (cancel), or, when no handler ever subscribed, the response's own completion future (a
 * request that failed before streaming).
 *
 * @param <T> the chunk type
 */
final class TracedAsyncStreamResponse<T> implements AsyncStreamResponse<T> {

	private final AsyncStreamResponse<T> delegate;

	private final StreamWatcher<T> watcher;

	TracedAsyncStreamResponse(AsyncStreamResponse<T> delegate, StreamWatcher<T> watcher) {
		this.delegate = delegate;
		this.watcher = watcher;
		delegate.onCompleteFuture().whenComplete((value, failure) -> {
			if (failure != null) {
				watcher.onError(AsyncEndStrategies.unwrap(failure));
			}
			else {
				watcher.onComplete();
			}
		});
	}

	@Override
	public AsyncStreamResponse<T> subscribe(Handler<? super T> handler) {
		this.delegate.subscribe(new WatchedHandler(handler));
		return this;
	}

	@Override
	public AsyncStreamResponse<T> subscribe(Handler<? super T> handler, Executor executor) {
		this.delegate.subscribe(new WatchedHandler(handler), executor);
		return this;
	}

	@Override
	public CompletableFuture<Void> onCompleteFuture() {
		return this.delegate.onCompleteFuture();
	}

	@Override
	public void close() {
		this.watcher.onCancel();
		this.delegate.close();
	}

	private final class WatchedHandler implements Handler<T> {

		private final Handler<? super T> handler;

		WatchedHandler(Handler<? super T> handler) {
			this.handler = handler;
		}

		@Override
		public void onNext(T value) {
			TracedAsyncStreamResponse.this.watcher.onChunk(value);
			this.handler.onNext(value);
		}

		@Override
		public void onComplete(Optional<Throwable> error) {
			if (error.isPresent()) {
				TracedAsyncStreamResponse.this.watcher.onError(error.get());
			}
			else {
				TracedAsyncStreamResponse.this.watcher.onComplete();
			}
			this.handler.onComplete(error);
		}

	}

}
