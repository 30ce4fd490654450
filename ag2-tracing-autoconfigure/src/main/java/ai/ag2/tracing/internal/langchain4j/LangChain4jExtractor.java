package ai.ag2.tracing.internal.langchain4j;

import java.util.Arrays;
import java.util.List;

import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Reads LangChain4j's types for {@code @LlmClient} methods that take or return them: a
 * {@link ChatRequest} (parameters and messages), a {@link ChatRequestParameters}, a list of
 * {@link ChatMessage}s, and a {@link ChatResponse} (id, model, usage, finish reason, output).
 * <p>
 * Internal API: may change without notice.
 */
public final class LangChain4jExtractor implements LlmCallExtractor {

	private final boolean captureMessages;

	/**
	 * @param captureMessages whether to read messages (only content capture writes them)
	 */
	public LangChain4jExtractor(boolean captureMessages) {
		this.captureMessages = captureMessages;
	}

	@Override
	public boolean extractRequest(Object argument, LlmCallDetails details) {
		if (argument instanceof ChatRequest request) {
			ChatReading.request(request, details, this.captureMessages);
			return true;
		}
		if (argument instanceof ChatRequestParameters parameters) {
			ChatReading.parameters(parameters, details);
			return true;
		}
		if (argument instanceof ChatMessage[] messages) {
			if (this.captureMessages) {
				details.setInputMessages(ChatReading.messages(Arrays.asList(messages)));
			}
			return true;
		}
		if (argument instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof ChatMessage) {
			if (this.captureMessages) {
				@SuppressWarnings("unchecked")
				List<ChatMessage> messages = (List<ChatMessage>) list;
				details.setInputMessages(ChatReading.messages(messages));
			}
			return true;
		}
		return false;
	}

	@Override
	public boolean extractResponse(Object result, LlmCallDetails details) {
		if (result instanceof ChatResponse response) {
			ChatReading.response(response, details, this.captureMessages);
			return true;
		}
		return false;
	}

}
