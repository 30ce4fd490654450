package ai.ag2.tracing;

/**
 * Reads request and response details of an {@code @LlmClient} call from the arguments and the
 * result of the annotated method. Declare one as a bean to teach ag2-tracing about a client
 * library it does not know; beans are consulted in {@link org.springframework.core.annotation.Order
 * order}, before the built-in extractors (OpenAI-compatible shapes, Spring AI), and the first that
 * recognises a value wins for that value.
 * <p>
 * An extractor that throws is logged and skipped: it never fails the user's call.
 */
public interface LlmCallExtractor {

	/**
	 * Read what this extractor recognises of one argument into {@code details}.
	 * @param argument one argument of the call (never {@code null})
	 * @param details where to write
	 * @return whether the argument was recognised
	 */
	default boolean extractRequest(Object argument, LlmCallDetails details) {
		return false;
	}

	/**
	 * Read what this extractor recognises of the result into {@code details}.
	 * @param result the value the method returned (for asynchronous methods, the completed value)
	 * @param details where to write
	 * @return whether the result was recognised
	 */
	default boolean extractResponse(Object result, LlmCallDetails details) {
		return false;
	}

}
