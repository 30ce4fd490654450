package ai.ag2.tracing.sample.llm;

import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;

/**
 * Teaches ag2-tracing the sample's own request and reply types through the public extractor SPI:
 * the requested model names the span ({@code chat gpt-4o-mini}) and the reply gives the model that
 * answered. Token usage and finish reasons are reported by each model with {@code Ag2Span}.
 */
public class ChatRequestExtractor implements LlmCallExtractor {

	@Override
	public boolean extractRequest(Object argument, LlmCallDetails details) {
		if (argument instanceof ChatRequest request) {
			details.setRequestModel(request.model());
			return true;
		}
		return false;
	}

	@Override
	public boolean extractResponse(Object result, LlmCallDetails details) {
		if (result instanceof ChatReply reply) {
			details.setResponseModel(reply.model());
			return true;
		}
		return false;
	}

}
