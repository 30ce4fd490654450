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
	 * A future that completes as {@code source} does, once {@code callback} has run; cancelling it
	 * cancels {@code source}.
	 */
	static <T> CompletableFuture<T> afterCallback(CompletableFuture<T> source,
			BiConsumer<? super @Nullable T, ? super @Nullable Throwable> callback) {
		CompletableFuture<T> dependent = source.whenComplete((value, failure) -> {
			try {
				callback.accept(value, failure);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("recording the outcome of an OpenAI SDK call", ex);
			}
		});
		dependent.whenComplete((value, failure) -> {
			if (dependent.isCancelled()) {
				source.cancel(false);
			}
		});
		return dependent;
	}

}
