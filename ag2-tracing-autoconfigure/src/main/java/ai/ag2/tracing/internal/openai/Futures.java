package ai.ag2.tracing.internal.openai;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import ai.ag2.tracing.internal.InstrumentationFailures;
import org.jspecify.annotations.Nullable;

/**
 * Futures whose callers see the outcome only after ag2 has recorded it, so that a span has ended
 * (and its usage counted into the conversation) when the caller's {@code join()} returns.
 */
final class Futures {

	private Futures() {
	}

	/**
	 * A future that completes as {@code source} does, once {@code callback} has run. The callback
	 * is registered on {@code source} itself, not through the future returned: a dependent
	 * completed first (cancelled by the caller) would skip it. Cancelling or completing the
	 * returned future does the same to {@code source}, so the callback always runs.
	 */
	static <T> CompletableFuture<T> afterCallback(CompletableFuture<T> source,
			BiConsumer<? super @Nullable T, ? super @Nullable Throwable> callback) {
		CompletableFuture<T> standIn = new CompletableFuture<>();
		source.whenComplete((value, failure) -> {
			try {
				callback.accept(value, failure);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("recording the outcome of an OpenAI SDK call", ex);
			}
			finally {
				if (failure != null) {
					standIn.completeExceptionally(failure);
				}
				else {
					standIn.complete(value);
				}
			}
		});
		standIn.whenComplete((value, failure) -> {
			if (standIn.isCancelled()) {
				source.cancel(false);
			}
			else if (failure != null) {
				source.completeExceptionally(failure);
			}
			else {
				source.complete(value);
			}
		});
		return standIn;
	}

}
