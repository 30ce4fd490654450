package ai.ag2.tracing.internal.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.internal.llm.OpenAiChatShapeExtractor;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Reads Spring AI's {@link Prompt} (its messages and {@link ChatOptions}), a bare
 * {@link ChatOptions} argument, and {@link ChatResponse} (id, model, usage, finish reasons and
 * output messages). Only loaded when Spring AI is on the classpath. Finish reasons are written in
 * lower case: Spring AI's OpenAI client reports the enum names ({@code STOP}) of values that the
 * provider and the conventions spell {@code stop}.
 * <p>
 * Internal API: may change without notice.
 */
public final class SpringAiExtractor implements LlmCallExtractor {

	private final boolean captureMessages;

	/**
	 * Create an extractor.
	 * @param captureMessages whether to read input and output messages (only when content
	 * capture is on, since nothing else would use them)
	 */
	public SpringAiExtractor(boolean captureMessages) {
		this.captureMessages = captureMessages;
	}

	@Override
	public boolean extractRequest(Object argument, LlmCallDetails details) {
		if (argument instanceof Prompt prompt) {
			readOptions(prompt.getOptions(), details);
			if (this.captureMessages) {
				List<Message> instructions = prompt.getInstructions();
				List<GenAiMessage> input = new ArrayList<>(instructions.size());
				for (Message message : instructions) {
					if (message != null) {
						input.add(message(message, null));
					}
				}
				details.setInputMessages(input);
			}
			return true;
		}
		if (argument instanceof ChatOptions options) {
			readOptions(options, details);
			return true;
		}
		return false;
	}

	@Override
	public boolean extractResponse(Object result, LlmCallDetails details) {
		if (!(result instanceof ChatResponse response)) {
			return false;
		}
		ChatResponseMetadata metadata = response.getMetadata();
		if (metadata != null) {
			String id = metadata.getId();
			if (id != null && !id.isEmpty()) {
				details.setResponseId(id);
			}
			String model = metadata.getModel();
			if (model != null && !model.isEmpty()) {
				details.setResponseModel(model);
			}
			readUsage(metadata.getUsage(), details);
		}
		List<Generation> generations = response.getResults();
		if (generations == null) {
			return true;
		}
		List<String> finishReasons = new ArrayList<>(generations.size());
		List<GenAiMessage> output = this.captureMessages ? new ArrayList<>(generations.size()) : null;
		for (Generation generation : generations) {
			if (generation == null) {
				continue;
			}
			String finishReason = finishReason(generation.getMetadata());
			if (finishReason != null) {
				finishReasons.add(finishReason);
			}
			AssistantMessage message = generation.getOutput();
			if (output != null && message != null) {
				output.add(message(message, finishReason));
			}
		}
		if (!finishReasons.isEmpty()) {
			details.setFinishReasons(finishReasons);
		}
		if (output != null && !output.isEmpty()) {
			details.setOutputMessages(output);
		}
		return true;
	}

	private static void readOptions(@Nullable ChatOptions options, LlmCallDetails details) {
		if (options == null) {
			return;
		}
		String model = options.getModel();
		if (model != null && !model.isEmpty()) {
			details.setRequestModel(model);
		}
		if (options.getTemperature() != null) {
			details.setTemperature(options.getTemperature());
		}
		if (options.getMaxTokens() != null) {
			details.setMaxTokens(options.getMaxTokens().longValue());
		}
		if (options.getTopP() != null) {
			details.setTopP(options.getTopP());
		}
		if (options.getFrequencyPenalty() != null) {
			details.setFrequencyPenalty(options.getFrequencyPenalty());
		}
		if (options.getPresencePenalty() != null) {
			details.setPresencePenalty(options.getPresencePenalty());
		}
		List<String> stopSequences = options.getStopSequences();
		if (stopSequences != null && !stopSequences.isEmpty()) {
			details.setStopSequences(stopSequences);
		}
		// ChatOptions has no seed; provider options (OpenAiChatOptions.getSeed()) do
		if (ObjectProperties.read(options, "seed") instanceof Number seed) {
			details.setSeed(seed.longValue());
		}
	}

	private static void readUsage(@Nullable Usage usage, LlmCallDetails details) {
		// EmptyUsage stands for "the provider said nothing": its zeros are not a measurement
		if (usage == null || usage instanceof EmptyUsage) {
			return;
		}
		if (usage.getPromptTokens() != null) {
			details.setInputTokens(usage.getPromptTokens().longValue());
		}
		if (usage.getCompletionTokens() != null) {
			details.setOutputTokens(usage.getCompletionTokens().longValue());
		}
		if (usage.getCacheReadInputTokens() != null) {
			details.setCacheReadInputTokens(usage.getCacheReadInputTokens());
		}
		// Reasoning tokens and cost are only in the provider's own usage object
		LlmCallDetails provider = new LlmCallDetails();
		OpenAiChatShapeExtractor.readUsage(usage.getNativeUsage(), provider);
		if (provider.getReasoningOutputTokens() != null) {
			details.setReasoningOutputTokens(provider.getReasoningOutputTokens());
		}
		if (provider.getCost() != null) {
			details.setCost(provider.getCost());
		}
		if (details.getCacheReadInputTokens() == null && provider.getCacheReadInputTokens() != null) {
			details.setCacheReadInputTokens(provider.getCacheReadInputTokens());
		}
	}

	private static @Nullable String finishReason(@Nullable ChatGenerationMetadata metadata) {
		String reason = (metadata != null) ? metadata.getFinishReason() : null;
		return (reason != null && !reason.isEmpty()) ? reason.toLowerCase(Locale.ROOT) : null;
	}

	private static GenAiMessage message(Message message, @Nullable String finishReason) {
		MessageType type = message.getMessageType();
		String role = (type != null) ? type.getValue() : "user";
		List<Part> parts = new ArrayList<>(2);
		if (message instanceof ToolResponseMessage toolResponse) {
			for (ToolResponseMessage.ToolResponse response : nonNull(toolResponse.getResponses())) {
				if (response != null) {
					parts.add(Part.toolCallResponse(response.id(), response.responseData()));
				}
			}
		}
		else {
			String text = message.getText();
			if (text != null && !text.isEmpty()) {
				parts.add(Part.text(text));
			}
		}
		if (message instanceof AssistantMessage assistant) {
			for (AssistantMessage.ToolCall toolCall : nonNull(assistant.getToolCalls())) {
				if (toolCall != null && toolCall.name() != null) {
					parts.add(Part.toolCall(toolCall.id(), toolCall.name(), toolCall.arguments()));
				}
			}
		}
		return new GenAiMessage(role, parts, finishReason);
	}

	private static <T> List<T> nonNull(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

}
