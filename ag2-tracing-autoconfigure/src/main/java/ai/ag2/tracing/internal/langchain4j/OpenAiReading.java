package ai.ag2.tracing.internal.langchain4j;

import ai.ag2.tracing.LlmCallDetails;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * What only {@code langchain4j-open-ai}'s types carry: the seed of {@link OpenAiChatRequestParameters}
 * and the cached and reasoning tokens of {@link OpenAiTokenUsage}. Loaded only when that module is
 * on the class path.
 * <p>
 * Internal API: may change without notice.
 */
final class OpenAiReading {

	private OpenAiReading() {
	}

	static void parameters(ChatRequestParameters parameters, LlmCallDetails details) {
		if (parameters instanceof OpenAiChatRequestParameters openAi && openAi.seed() != null) {
			details.setSeed(openAi.seed().longValue());
		}
	}

	static void usage(TokenUsage usage, LlmCallDetails details) {
		if (!(usage instanceof OpenAiTokenUsage openAi)) {
			return;
		}
		OpenAiTokenUsage.InputTokensDetails input = openAi.inputTokensDetails();
		if (input != null && input.cachedTokens() != null) {
			details.setCacheReadInputTokens(input.cachedTokens().longValue());
		}
		OpenAiTokenUsage.OutputTokensDetails output = openAi.outputTokensDetails();
		if (output != null && output.reasoningTokens() != null) {
			details.setReasoningOutputTokens(output.reasoningTokens().longValue());
		}
	}

}
