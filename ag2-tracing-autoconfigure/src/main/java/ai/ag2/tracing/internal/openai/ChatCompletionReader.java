package ai.ag2.tracing.internal.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmStreamAggregator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import org.jspecify.annotations.Nullable;

import static ai.ag2.tracing.internal.openai.SdkValues.get;
import static ai.ag2.tracing.internal.openai.SdkValues.optional;

/**
 * Reads the SDK's chat-completion types through their typed accessors: request parameters and
 * messages of a {@link ChatCompletionCreateParams} (system and developer messages as system
 * instructions, user messages, assistant messages with their tool calls, tool results), the
 * response of a {@link ChatCompletion} (id, model, lower-case finish reasons, usage with cached,
 * cache-write and reasoning tokens, output messages) and the chunks of a streamed one. Messages are
 * read only when content is captured. Parts other than text (images, audio, files) are left out.
 */
final class ChatCompletionReader {

	static final String PROVIDER = "openai";

	private ChatCompletionReader() {
	}

	static void request(ChatCompletionCreateParams params, LlmCallDetails details, boolean captureContent) {
		details.setProviderName(PROVIDER);
		set(get("model", () -> params.model().asString()), details::setRequestModel);
		set(optional("temperature", () -> params.temperature()), details::setTemperature);
		Long maxTokens = optional("max_completion_tokens", () -> params.maxCompletionTokens());
		set((maxTokens != null) ? maxTokens : optional("max_tokens", () -> params.maxTokens()), details::setMaxTokens);
		set(optional("top_p", () -> params.topP()), details::setTopP);
		set(optional("frequency_penalty", () -> params.frequencyPenalty()), details::setFrequencyPenalty);
		set(optional("presence_penalty", () -> params.presencePenalty()), details::setPresencePenalty);
		set(optional("seed", () -> params.seed()), details::setSeed);
		ChatCompletionCreateParams.Stop stop = optional("stop", () -> params.stop());
		if (stop != null) {
			set(get("stop", () -> stop.isString() ? List.of(stop.asString()) : stop.asStrings()),
					details::setStopSequences);
		}
		if (captureContent) {
			List<ChatCompletionMessageParam> messages = get("messages", () -> params.messages());
			if (messages != null) {
				readMessages(messages, details);
			}
		}
	}

	private static void readMessages(List<ChatCompletionMessageParam> messages, LlmCallDetails details) {
		List<Part> instructions = new ArrayList<>();
		List<GenAiMessage> input = new ArrayList<>(messages.size());
		for (ChatCompletionMessageParam message : messages) {
			if (message.isSystem() || message.isDeveloper()) {
				List<Part> parts = get("system message", () -> instructions(message));
				if (parts != null) {
					instructions.addAll(parts);
				}
			}
			else {
				GenAiMessage read = get("message", () -> message(message));
				if (read != null) {
					input.add(read);
				}
			}
		}
		if (!instructions.isEmpty()) {
			details.setSystemInstructions(instructions);
		}
		if (!input.isEmpty()) {
			details.setInputMessages(input);
		}
	}

	// System and developer messages alike: the instructions the model is given apart from the chat.
	private static List<Part> instructions(ChatCompletionMessageParam message) {
		List<Part> parts = new ArrayList<>(1);
		if (message.isSystem()) {
			var content = message.asSystem().content();
			if (content.isText()) {
				parts.add(Part.text(content.asText()));
			}
			else {
				content.asArrayOfContentParts().forEach((part) -> parts.add(Part.text(part.text())));
			}
		}
		else {
			var content = message.asDeveloper().content();
			if (content.isText()) {
				parts.add(Part.text(content.asText()));
			}
			else {
				content.asArrayOfContentParts().forEach((part) -> parts.add(Part.text(part.text())));
			}
		}
		return parts;
	}

	private static @Nullable GenAiMessage message(ChatCompletionMessageParam message) {
		if (message.isUser()) {
			List<Part> parts = new ArrayList<>(1);
			var content = message.asUser().content();
			if (content.isText()) {
				parts.add(Part.text(content.asText()));
			}
			else {
				for (ChatCompletionContentPart part : content.asArrayOfContentParts()) {
					if (part.isText()) {
						parts.add(Part.text(part.asText().text()));
					}
				}
			}
			return new GenAiMessage("user", parts, null);
		}
		if (message.isAssistant()) {
			return assistant(message.asAssistant());
		}
		if (message.isTool()) {
			ChatCompletionToolMessageParam tool = message.asTool();
			var content = tool.content();
			String result = content.isText() ? content.asText() : joined(content.asArrayOfContentParts());
			return new GenAiMessage("tool", List.of(Part.toolCallResponse(tool.toolCallId(), result)), null);
		}
		if (message.isFunction()) {
			var function = message.asFunction();
			return new GenAiMessage("tool",
					List.of(Part.toolCallResponse(function.name(), function.content().orElse(null))), null);
		}
		return null;
	}

	private static GenAiMessage assistant(ChatCompletionAssistantMessageParam assistant) {
		List<Part> parts = new ArrayList<>(2);
		assistant.content().ifPresent((content) -> {
			if (content.isText()) {
				parts.add(Part.text(content.asText()));
			}
			else {
				for (var part : content.asArrayOfContentParts()) {
					if (part.isText()) {
						parts.add(Part.text(part.asText().text()));
					}
				}
			}
		});
		assistant.toolCalls().ifPresent((calls) -> addToolCalls(calls, parts));
		return new GenAiMessage("assistant", parts, null);
	}

	private static void addToolCalls(List<ChatCompletionMessageToolCall> calls, List<Part> parts) {
		for (ChatCompletionMessageToolCall call : calls) {
			if (call.isFunction()) {
				var function = call.asFunction();
				parts.add(Part.toolCall(function.id(), function.function().name(), function.function().arguments()));
			}
			else if (call.isCustom()) {
				var custom = call.asCustom();
				parts.add(Part.toolCall(custom.id(), custom.custom().name(), custom.custom().input()));
			}
		}
	}

	static void response(ChatCompletion completion, LlmCallDetails details, boolean captureContent) {
		set(get("id", () -> completion.id()), details::setResponseId);
		set(get("model", () -> completion.model()), details::setResponseModel);
		List<ChatCompletion.Choice> choices = get("choices", () -> completion.choices());
		if (choices != null) {
			List<String> reasons = new ArrayList<>(choices.size());
			List<GenAiMessage> output = captureContent ? new ArrayList<>(choices.size()) : null;
			for (ChatCompletion.Choice choice : choices) {
				String reason = get("finish_reason", () -> choice.finishReason().asString());
				if (reason != null) {
					reasons.add(reason);
				}
				if (output != null) {
					GenAiMessage message = get("message", () -> output(choice.message(), reason));
					if (message != null) {
						output.add(message);
					}
				}
			}
			if (!reasons.isEmpty()) {
				details.setFinishReasons(reasons);
			}
			if (output != null && !output.isEmpty()) {
				details.setOutputMessages(output);
			}
		}
		CompletionUsage usage = optional("usage", () -> completion.usage());
		if (usage != null) {
			usage(usage, details);
		}
	}

	private static GenAiMessage output(ChatCompletionMessage message, @Nullable String finishReason) {
		List<Part> parts = new ArrayList<>(2);
		message.content().ifPresent((text) -> parts.add(Part.text(text)));
		message.refusal().ifPresent((text) -> parts.add(Part.text(text)));
		message.toolCalls().ifPresent((calls) -> addToolCalls(calls, parts));
		return new GenAiMessage("assistant", parts, finishReason);
	}

	static void usage(CompletionUsage usage, LlmCallDetails details) {
		set(get("prompt_tokens", () -> usage.promptTokens()), details::setInputTokens);
		set(get("completion_tokens", () -> usage.completionTokens()), details::setOutputTokens);
		CompletionUsage.PromptTokensDetails prompt = optional("prompt_tokens_details", () -> usage.promptTokensDetails());
		if (prompt != null) {
			set(optional("cached_tokens", () -> prompt.cachedTokens()), details::setCacheReadInputTokens);
			set(optional("cache_write_tokens", () -> prompt.cacheWriteTokens()), details::setCacheCreationInputTokens);
		}
		CompletionUsage.CompletionTokensDetails completion = optional("completion_tokens_details",
				usage::completionTokensDetails);
		if (completion != null) {
			set(optional("reasoning_tokens", () -> completion.reasoningTokens()), details::setReasoningOutputTokens);
		}
	}

	/** One chunk of a streamed completion into {@code stream}. */
	static void chunk(ChatCompletionChunk chunk, LlmStreamAggregator stream) {
		LlmCallDetails details = stream.details();
		set(get("id", () -> chunk.id()), details::setResponseId);
		set(get("model", () -> chunk.model()), details::setResponseModel);
		List<ChatCompletionChunk.Choice> choices = get("choices", () -> chunk.choices());
		if (choices != null) {
			for (ChatCompletionChunk.Choice choice : choices) {
				Long index = get("index", () -> choice.index());
				int position = (index != null) ? index.intValue() : 0;
				if (stream.capturesContent()) {
					ChatCompletionChunk.Choice.Delta delta = get("delta", () -> choice.delta());
					if (delta != null) {
						stream.appendText(position, optional("content", () -> delta.content()));
						List<ChatCompletionChunk.Choice.Delta.ToolCall> calls = optional("tool_calls", () -> delta.toolCalls());
						if (calls != null) {
							for (ChatCompletionChunk.Choice.Delta.ToolCall call : calls) {
								var function = call.function().orElse(null);
								stream.appendToolCall(position, (int) call.index(), call.id().orElse(null),
										(function != null) ? function.name().orElse(null) : null,
										(function != null) ? function.arguments().orElse(null) : null);
							}
						}
					}
				}
				var reason = optional("finish_reason", () -> choice.finishReason());
				if (reason != null) {
					stream.setFinishReason(position, reason.asString());
				}
			}
		}
		CompletionUsage usage = optional("usage", () -> chunk.usage());
		if (usage != null) {
			usage(usage, details);
		}
	}

	private static String joined(List<ChatCompletionContentPartText> parts) {
		StringBuilder text = new StringBuilder();
		for (ChatCompletionContentPartText part : parts) {
			text.append(part.text());
		}
		return text.toString();
	}

	static <T> void set(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

}
