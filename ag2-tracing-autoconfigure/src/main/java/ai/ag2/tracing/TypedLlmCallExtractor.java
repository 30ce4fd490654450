package ai.ag2.tracing;

/**
 * An {@link LlmCallExtractor} for one client library's request and response types: the type checks
 * are done here, the subclass reads typed values.
 * <pre>{@code
 * @Component
 * class MyClientExtractor extends TypedLlmCallExtractor<MyRequest, MyResponse> {
 *     MyClientExtractor() { super(MyRequest.class, MyResponse.class); }
 *     protected void request(MyRequest request, LlmCallDetails details, LlmCallContext call) {
 *         details.setRequestModel(request.model());
 *     }
 *     protected void response(MyResponse response, LlmCallDetails details, LlmCallContext call) {
 *         details.setInputTokens(response.tokensIn()).setOutputTokens(response.tokensOut());
 *     }
 * }
 * }</pre>
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public abstract class TypedLlmCallExtractor<Q, R> implements LlmCallExtractor {

	private final Class<Q> requestType;

	private final Class<R> responseType;

	protected TypedLlmCallExtractor(Class<Q> requestType, Class<R> responseType) {
		this.requestType = requestType;
		this.responseType = responseType;
	}

	@Override
	public final boolean extractRequest(Object argument, LlmCallDetails details, LlmCallContext call) {
		if (!this.requestType.isInstance(argument)) {
			return false;
		}
		request(this.requestType.cast(argument), details, call);
		return true;
	}

	@Override
	public final boolean extractResponse(Object result, LlmCallDetails details, LlmCallContext call) {
		if (!this.responseType.isInstance(result)) {
			return false;
		}
		response(this.responseType.cast(result), details, call);
		return true;
	}

	/** Read a request argument. */
	protected void request(Q request, LlmCallDetails details, LlmCallContext call) {
	}

	/** Read a response. */
	protected void response(R response, LlmCallDetails details, LlmCallContext call) {
	}

}
