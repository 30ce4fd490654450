package ai.ag2.tracing;

/**
 * Reads request and response details of an LLM call from the arguments and the result of the
 * traced method, and from the chunks of a streamed result. Declare one as a bean to teach
 * ag2-tracing about a client library it does not know; beans are consulted in
 * {@link org.springframework.core.annotation.Order order}, before the built-in extractors
 * (OpenAI-compatible shapes, Spring AI, …), and the first that recognises a value wins for that
 * value. {@link TypedLlmCallExtractor} is a base for extractors of one request and one response
 * type.
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
	 * Like {@link #extractRequest(Object, LlmCallDetails)}, knowing the call. Override this one to
	 * use the method, annotation or provider; by default it calls the other.
	 * @param argument one argument of the call (never {@code null})
	 * @param details where to write
	 * @param call the call being traced
	 * @return whether the argument was recognised
	 */
	default boolean extractRequest(Object argument, LlmCallDetails details, LlmCallContext call) {
		return extractRequest(argument, details);
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

	/**
	 * Like {@link #extractResponse(Object, LlmCallDetails)}, knowing the call; by default it calls
	 * the other.
	 * @param result the value the method returned (for asynchronous methods, the completed value)
	 * @param details where to write
	 * @param call the call being traced
	 * @return whether the result was recognised
	 */
	default boolean extractResponse(Object result, LlmCallDetails details, LlmCallContext call) {
		return extractResponse(result, details);
	}

	/**
	 * Read one chunk of a streamed result (an element of a {@code Flux}, an event of a library's
	 * stream) into {@code stream}.
	 * @param chunk the chunk (never {@code null})
	 * @param stream the aggregate of the chunks read so far
	 * @param call the call being traced
	 * @return whether the chunk was recognised
	 */
	default boolean extractChunk(Object chunk, LlmStreamAggregator stream, LlmCallContext call) {
		return false;
	}

}
