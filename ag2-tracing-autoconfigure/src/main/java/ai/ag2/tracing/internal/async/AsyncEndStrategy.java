package ai.ag2.tracing.internal.async;

/**
 * Ends an operation whose result completes after the method returned: a {@code CompletionStage},
 * a Reactor {@code Mono}/{@code Flux}, a library's stream handle. One strategy per kind of result,
 * chosen once per method from its declared return type (see {@link AsyncEndStrategies}).
 * <p>
 * Internal API: may change without notice.
 */
public interface AsyncEndStrategy {

	/** Whether this strategy watches results declared as {@code returnType}. */
	boolean supports(Class<?> returnType);

	/** Whether results of {@code returnType} arrive as a stream of chunks (a {@code Flux}, a stream handle). */
	default boolean isStream(Class<?> returnType) {
		return false;
	}

	/**
	 * Arrange for {@code outcome} to hear of {@code result}'s chunks and completion, and return what
	 * the caller gets: {@code result} itself when it can be watched in place, else a wrapper of the
	 * same declared type that behaves the same. Must not throw for results it supports; when it does,
	 * the caller gets {@code result} and the operation ends at once.
	 */
	Object endWhenComplete(Object result, AsyncOutcome outcome);

	/**
	 * Like {@link #endWhenComplete(Object, AsyncOutcome)}, knowing the method's declared return
	 * type, for strategies that hand the caller a stand-in of that type.
	 */
	default Object endWhenComplete(Object result, Class<?> declaredType, AsyncOutcome outcome) {
		return endWhenComplete(result, outcome);
	}

}
