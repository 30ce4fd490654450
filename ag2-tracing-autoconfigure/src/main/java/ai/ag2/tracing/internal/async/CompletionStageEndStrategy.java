package ai.ag2.tracing.internal.async;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * {@link CompletionStage} and {@code CompletableFuture} results: the operation ends when the stage
 * completes (with the failure when it completes exceptionally, a cancelled future included). The
 * stage itself is returned, so the caller can still cancel or complete it.
 */
final class CompletionStageEndStrategy implements AsyncEndStrategy {

	@Override
	public boolean supports(Class<?> returnType) {
		return CompletionStage.class.isAssignableFrom(returnType);
	}

	@Override
	public Object endWhenComplete(Object result, AsyncOutcome outcome) {
		((CompletionStage<?>) result).whenComplete((value, failure) -> {
			if (failure != null) {
				outcome.onError(unwrap(failure));
			}
			else {
				outcome.onComplete(value);
			}
		});
		return result;
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
