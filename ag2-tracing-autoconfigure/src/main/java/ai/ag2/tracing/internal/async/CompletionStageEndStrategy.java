package ai.ag2.tracing.internal.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * {@link CompletionStage} and {@code CompletableFuture} results: the operation ends when the stage
 * completes (with the failure when it completes exceptionally, a cancelled future included).
 * <p>
 * The caller gets a stand-in future that completes with the stage's value or exception only
 * <em>after</em> the operation has ended: a caller blocked in {@code join()} would otherwise wake
 * first (a future releases its waiters before its older callbacks), end its own span, and the
 * enclosing conversation would miss the call's usage. Cancelling or completing the stand-in
 * (complete, completeExceptionally, completeOnTimeout…) does the same to the stage. A
 * stage already complete at return is returned as it is, and so is a stage whose declared type the
 * stand-in is not (a subclass of {@code CompletableFuture}): that one is watched in place.
 */
final class CompletionStageEndStrategy implements AsyncEndStrategy {

	@Override
	public boolean supports(Class<?> returnType) {
		return CompletionStage.class.isAssignableFrom(returnType);
	}

	@Override
	public Object endWhenComplete(Object result, AsyncOutcome outcome) {
		return endWhenComplete(result, CompletionStage.class, outcome);
	}

	@Override
	public Object endWhenComplete(Object result, Class<?> declaredType, AsyncOutcome outcome) {
		CompletionStage<?> stage = (CompletionStage<?>) result;
		boolean done = (stage instanceof Future<?> future) && future.isDone();
		CompletableFuture<Object> standIn = (!done && declaredType.isAssignableFrom(CompletableFuture.class))
				? new CompletableFuture<>() : null;
		stage.whenComplete((value, failure) -> {
			try {
				if (failure != null) {
					outcome.onError(unwrap(failure));
				}
				else {
					outcome.onComplete(value);
				}
			}
			finally {
				if (standIn != null) {
					complete(standIn, value, failure);
				}
			}
		});
		if (standIn == null) {
			return result;
		}
		standIn.whenComplete((value, failure) -> forward(standIn, stage, value, failure));
		return standIn;
	}

	// What the caller does to the stand-in reaches the stage (a no-op once the stage is done).
	@SuppressWarnings("unchecked")
	private static void forward(CompletableFuture<Object> standIn, CompletionStage<?> stage, @Nullable Object value,
			@Nullable Throwable failure) {
		if (standIn.isCancelled()) {
			if (stage instanceof Future<?> future) {
				future.cancel(false);
			}
		}
		else if (stage instanceof CompletableFuture<?> future) {
			if (failure != null) {
				future.completeExceptionally(failure);
			}
			else {
				((CompletableFuture<Object>) future).complete(value);
			}
		}
	}

	// The exception as the stage holds it: exceptionally(…) and join() see what they would have seen.
	private static void complete(CompletableFuture<Object> standIn, @Nullable Object value,
			@Nullable Throwable failure) {
		if (failure != null) {
			standIn.completeExceptionally(failure);
		}
		else {
			standIn.complete(value);
		}
	}

	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
