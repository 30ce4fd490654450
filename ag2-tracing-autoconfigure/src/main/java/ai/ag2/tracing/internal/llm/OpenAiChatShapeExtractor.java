package ai.ag2.tracing.internal.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallContext;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.internal.reflect.JsonTrees;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenAI-compatible chat-completion requests and responses, whatever carries them: typed
 * records and POJOs (including ones with {@code Optional} accessors), {@code Map}s, and Jackson 2
 * or Jackson 3 trees, with snake_case or camelCase names. Responses in the Anthropic Messages
 * shape ({@code stop_reason}, {@code content} blocks) and the usage block of the OpenAI Responses
 * API are read as well.
 * <p>
 * A request is recognised when it has a {@code messages} list, or a {@code model} together with
 * {@code messages}, {@code prompt} or {@code input}; a response when it has {@code choices}, or a
 * {@code usage} together with an {@code id} or a {@code model}. Fields that are missing or of an
 * unexpected type are skipped. Messages are only read when content capture is on, and their
 * strings are kept by reference, never copied.
 * <p>
 * Internal API: may change without notice.
 */
public final class OpenAiChatShapeExtractor implements LlmCallExtractor {

	private static final String ROLE_ASSISTANT = "assistant";

	private final boolean captureMessages;

	/**
	 * Create an extractor.
	 * @param captureMessages whether to read input and output messages (only when content
	 * capture is on, since nothing else would use them)
	 */
	OpenAiChatShapeExtractor(boolean captureMessages) {
		this.captureMessages = captureMessages;
	}

	@Override
	public boolean extractRequest(Object argument, LlmCallDetails details) {
		if (!isStructured(argument)) {
			return false;
		}
		Object rawMessages = read(argument, "messages");
		Object rawModel = read(argument, "model");
		List<?> messages = list(rawMessages);
		String model = string(rawModel);
		if (messages == null && (model == null || read(argument, "messages", "prompt", "input") == null)) {
			return false;
		}
		if (model != null) {
			details.setRequestModel(model);
		}
		Object rawTemperature = read(argument, "temperature");
		Double temperature = decimal(rawTemperature);
		if (temperature != null) {
			details.setTemperature(temperature);
		}
		Object rawMaxTokens = read(argument, "max_tokens", "max_completion_tokens", "max_output_tokens");
		Long maxTokens = whole(rawMaxTokens);
		if (maxTokens != null) {
			details.setMaxTokens(maxTokens);
		}
		// a Map whose every entry was read above has none of the parameters below: not looked up one by one
		int entriesRead = (rawMessages != null ? 1 : 0) + (rawModel != null ? 1 : 0) + (rawTemperature != null ? 1 : 0)
				+ (rawMaxTokens != null ? 1 : 0);
		if (!(argument instanceof Map<?, ?> map) || entriesRead < size(map)) {
			readOptionalParameters(argument, details);
		}
		if (this.captureMessages) {
			List<GenAiMessage> input = inputMessages(argument, messages);
			if (!input.isEmpty()) {
				details.setInputMessages(input);
			}
		}
		return true;
	}

	private static void readOptionalParameters(Object argument, LlmCallDetails details) {
		Double topP = decimal(read(argument, "top_p"));
		if (topP != null) {
			details.setTopP(topP);
		}
		Double frequencyPenalty = decimal(read(argument, "frequency_penalty"));
		if (frequencyPenalty != null) {
			details.setFrequencyPenalty(frequencyPenalty);
		}
		Double presencePenalty = decimal(read(argument, "presence_penalty"));
		if (presencePenalty != null) {
			details.setPresencePenalty(presencePenalty);
		}
		List<String> stop = strings(read(argument, "stop", "stop_sequences"));
		if (stop != null) {
			details.setStopSequences(stop);
		}
		Long seed = whole(read(argument, "seed"));
		if (seed != null) {
			details.setSeed(seed);
		}
	}

	// A map that cannot say its size is read key by key, as any other.
	private static int size(Map<?, ?> map) {
		try {
			return map.size();
		}
		catch (Throwable ex) {
			return Integer.MAX_VALUE;
		}
	}

	@Override
	public boolean extractResponse(Object result, LlmCallDetails details) {
		if (!isStructured(result)) {
			return false;
		}
		List<?> choices = list(read(result, "choices"));
		Object usage = read(result, "usage");
		String id = string(read(result, "id"));
		String model = string(read(result, "model"));
		if (choices == null && (usage == null || (id == null && model == null))) {
			return false;
		}
		if (id != null) {
			details.setResponseId(id);
		}
		if (model != null) {
			details.setResponseModel(model);
		}
		if (choices != null) {
			readChoices(choices, details);
		}
		else {
			readContentBlocks(result, details);
		}
		readUsage(usage, details);
		return true;
	}

	/**
	 * A chunk of a streamed chat completion ({@code chat.completion.chunk}): {@code choices[].delta}
	 * with text and tool-call fragments, {@code finish_reason}, and {@code usage} on the last chunk.
	 */
	@Override
	public boolean extractChunk(Object chunk, LlmStreamAggregator stream, LlmCallContext call) {
		if (!isStructured(chunk)) {
			return false;
		}
		List<?> choices = list(read(chunk, "choices"));
		Object usage = read(chunk, "usage");
		if (choices == null && usage == null) {
			return false;
		}
		LlmCallDetails details = stream.details();
		String id = string(read(chunk, "id"));
		if (id != null) {
			details.setResponseId(id);
		}
		String model = string(read(chunk, "model"));
		if (model != null) {
			details.setResponseModel(model);
		}
		if (choices != null) {
			for (int position = 0; position < choices.size(); position++) {
				Object choice = choices.get(position);
				Long index = whole(read(choice, "index"));
				int choiceIndex = (index != null) ? index.intValue() : position;
				Object delta = read(choice, "delta");
				if (delta != null && stream.capturesContent()) {
					Object text = read(delta, "content");
					stream.appendText(choiceIndex, (text instanceof CharSequence chars) ? chars : null);
					readToolCallFragments(list(read(delta, "tool_calls")), choiceIndex, stream);
				}
				stream.setFinishReason(choiceIndex, string(read(choice, "finish_reason")));
			}
		}
		readUsage(usage, details);
		return true;
	}

	private static void readToolCallFragments(@Nullable List<?> toolCalls, int choice, LlmStreamAggregator stream) {
		if (toolCalls == null) {
			return;
		}
		for (int position = 0; position < toolCalls.size(); position++) {
			Object toolCall = toolCalls.get(position);
			Long index = whole(read(toolCall, "index"));
			Object function = read(toolCall, "function");
			Object arguments = read(function, "arguments");
			stream.appendToolCall(choice, (index != null) ? index.intValue() : position, string(read(toolCall, "id")),
					string(read(function, "name")), (arguments instanceof CharSequence chars) ? chars : null);
		}
	}

	private void readChoices(List<?> choices, LlmCallDetails details) {
		// one choice is the usual case: its finish reason becomes a one-element list, with no list grown for it
		String firstReason = null;
		List<String> finishReasons = null;
		List<GenAiMessage> output = this.captureMessages ? new ArrayList<>(choices.size()) : null;
		// indexed: list() gives a random-access list, walked without an iterator
		for (int i = 0; i < choices.size(); i++) {
			Object choice = choices.get(i);
			String finishReason = string(read(choice, "finish_reason"));
			if (finishReason != null) {
				if (firstReason == null) {
					firstReason = finishReason;
				}
				else {
					if (finishReasons == null) {
						finishReasons = new ArrayList<>(choices.size());
						finishReasons.add(firstReason);
					}
					finishReasons.add(finishReason);
				}
			}
			if (output != null) {
				Object message = read(choice, "message");
				GenAiMessage outputMessage = (message != null) ? message(message, ROLE_ASSISTANT, finishReason)
						: message(read(choice, "text"), ROLE_ASSISTANT, finishReason);
				if (outputMessage != null) {
					output.add(outputMessage);
				}
			}
		}
		if (finishReasons != null) {
			details.setFinishReasons(finishReasons);
		}
		else if (firstReason != null) {
			details.setFinishReasons(List.of(firstReason));
		}
		if (output != null && !output.isEmpty()) {
			details.setOutputMessages(output);
		}
	}

	// Anthropic Messages: one assistant message of content blocks and a stop_reason.
	private void readContentBlocks(Object result, LlmCallDetails details) {
		String stopReason = string(read(result, "stop_reason"));
		if (stopReason != null) {
			details.setFinishReasons(List.of(stopReason));
		}
		if (this.captureMessages) {
			List<?> blocks = list(read(result, "content"));
			if (blocks != null) {
				String role = string(read(result, "role"));
				List<Part> parts = new ArrayList<>(blocks.size());
				addContentParts(blocks, parts);
				details.setOutputMessages(
						List.of(new GenAiMessage((role != null) ? role : ROLE_ASSISTANT, parts, stopReason)));
			}
		}
	}

	/**
	 * Read the token usage and cost of an OpenAI-compatible or Anthropic {@code usage} block.
	 * @param usage the usage block (a record, POJO, {@code Map} or Jackson tree), or {@code null}
	 * @param details where to write
	 */
	public static void readUsage(@Nullable Object usage, LlmCallDetails details) {
		if (usage == null || !isStructured(usage)) {
			return;
		}
		Long promptTokens = whole(read(usage, "prompt_tokens"));
		Long input = (promptTokens != null) ? promptTokens : whole(read(usage, "input_tokens"));
		Long cacheRead = whole(read(read(usage, "prompt_tokens_details", "input_tokens_details"), "cached_tokens"));
		// Anthropic's fields, read only where they count: an OpenAI usage block has neither
		Long anthropicCacheRead = (cacheRead == null || promptTokens == null)
				? whole(read(usage, "cache_read_input_tokens")) : null;
		Long anthropicCacheWrite = (promptTokens == null && input != null)
				? whole(read(usage, "cache_creation_input_tokens")) : null;
		if (promptTokens == null && input != null && (anthropicCacheRead != null || anthropicCacheWrite != null)) {
			// Anthropic's input_tokens leaves out cached input; the conventions count all of it
			input = input + orZero(anthropicCacheRead) + orZero(anthropicCacheWrite);
		}
		// plain ifs rather than a setter reference per value: this runs on every call
		if (input != null) {
			details.setInputTokens(input);
		}
		Long output = whole(read(usage, "completion_tokens", "output_tokens"));
		if (output != null) {
			details.setOutputTokens(output);
		}
		Long cached = (cacheRead != null) ? cacheRead : anthropicCacheRead;
		if (cached != null) {
			details.setCacheReadInputTokens(cached);
		}
		Long reasoning = whole(
				read(read(usage, "completion_tokens_details", "output_tokens_details"), "reasoning_tokens"));
		if (reasoning != null) {
			details.setReasoningOutputTokens(reasoning);
		}
		Double cost = decimal(read(usage, "cost"));
		if (cost != null) {
			details.setCost(cost);
		}
	}

	private static List<GenAiMessage> inputMessages(Object request, @Nullable List<?> messages) {
		List<GenAiMessage> input = new ArrayList<>((messages != null) ? messages.size() + 1 : 2);
		// Anthropic and the Responses API carry the system prompt beside the messages
		GenAiMessage system = message(read(request, "system", "instructions"), "system", null);
		if (system != null && !system.parts().isEmpty()) {
			input.add(system);
		}
		List<?> items = messages;
		if (items == null) {
			Object prompt = read(request, "prompt", "input");
			items = (prompt instanceof CharSequence) ? List.of(prompt) : list(prompt);
		}
		if (items != null) {
			for (Object item : items) {
				GenAiMessage message = message(item, "user", null);
				if (message != null) {
					input.add(message);
				}
			}
		}
		return input;
	}

	private static @Nullable GenAiMessage message(@Nullable Object message, String defaultRole,
			@Nullable String finishReason) {
		if (message == null) {
			return null;
		}
		if (message instanceof CharSequence text) {
			return new GenAiMessage(defaultRole, List.of(Part.text(text.toString())), finishReason);
		}
		List<?> blocks = list(message);
		if (blocks != null) {
			List<Part> parts = new ArrayList<>(blocks.size());
			addContentParts(blocks, parts);
			return new GenAiMessage(defaultRole, parts, finishReason);
		}
		if (!isStructured(message)) {
			return null;
		}
		String role = string(read(message, "role"));
		Object content = read(message, "content");
		List<Part> parts = new ArrayList<>(2);
		String toolCallId = string(read(message, "tool_call_id"));
		if (toolCallId != null || "tool".equals(role)) {
			parts.add(Part.toolCallResponse(toolCallId, content));
		}
		else if (content instanceof CharSequence text) {
			parts.add(Part.text(text.toString()));
		}
		else {
			List<?> contentBlocks = list(content);
			if (contentBlocks != null) {
				addContentParts(contentBlocks, parts);
			}
		}
		List<?> toolCalls = list(read(message, "tool_calls"));
		if (toolCalls != null) {
			for (Object toolCall : toolCalls) {
				Part part = toolCall(toolCall);
				if (part != null) {
					parts.add(part);
				}
			}
		}
		Object functionCall = read(message, "function_call");
		if (functionCall != null) {
			Part part = toolCall(functionCall);
			if (part != null) {
				parts.add(part);
			}
		}
		return new GenAiMessage((role != null) ? role : defaultRole, parts, finishReason);
	}

	// Content parts of OpenAI (text, input_text, output_text) and blocks of Anthropic (tool_use, tool_result).
	private static void addContentParts(List<?> blocks, List<Part> parts) {
		for (Object block : blocks) {
			if (block instanceof CharSequence text) {
				parts.add(Part.text(text.toString()));
				continue;
			}
			if (!isStructured(block)) {
				continue;
			}
			String type = string(read(block, "type"));
			if (type == null || type.equals("text") || type.equals("input_text") || type.equals("output_text")) {
				String text = string(read(block, "text"));
				if (text != null) {
					parts.add(Part.text(text));
				}
			}
			else if (type.equals("tool_use") || type.equals("function_call")) {
				Part part = toolCall(block);
				if (part != null) {
					parts.add(part);
				}
			}
			else if (type.equals("tool_result")) {
				parts.add(Part.toolCallResponse(string(read(block, "tool_use_id")), read(block, "content")));
			}
		}
	}

	// {id, function: {name, arguments}} of OpenAI, or flat {id, name, input|arguments} of Anthropic and others.
	private static @Nullable Part toolCall(Object toolCall) {
		if (!isStructured(toolCall)) {
			return null;
		}
		Object function = read(toolCall, "function");
		Object source = (function != null) ? function : toolCall;
		String name = string(read(source, "name"));
		if (name == null) {
			return null;
		}
		return Part.toolCall(string(read(toolCall, "id", "call_id")), name, read(source, "arguments", "input"));
	}

	private static @Nullable Object read(@Nullable Object source, String name) {
		return ObjectProperties.read(source, name);
	}

	private static @Nullable Object read(@Nullable Object source, String name, String other) {
		return ObjectProperties.read(source, name, other);
	}

	private static @Nullable Object read(@Nullable Object source, String name, String second, String third) {
		return ObjectProperties.read(source, name, second, third);
	}

	/** Whether {@code value} may have named properties (and is not text, a number or a list). */
	static boolean isStructured(Object value) {
		return !(value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum<?> || value instanceof Collection<?>
				|| value.getClass().isArray());
	}

	/** {@code value} as text: strings, enums by lower-case name, values with {@code asString()}. */
	static @Nullable String string(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof CharSequence text) {
			return text.toString();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT);
		}
		if (value instanceof Number || value instanceof Boolean || !isStructured(value)) {
			return null;
		}
		// SDK value classes (OpenAI Java's FinishReason, JsonValue) expose their wire value this way
		Object wire = read(value, "as_string");
		return (wire instanceof CharSequence text) ? text.toString() : null;
	}

	// Random access, as the readers walk lists by index: another list is copied once.
	private static @Nullable List<?> list(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return (list instanceof RandomAccess) ? list : new ArrayList<>(list);
		}
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection);
		}
		if (value instanceof Object[] array) {
			return Arrays.asList(array);
		}
		return null;
	}

	private static @Nullable List<String> strings(@Nullable Object value) {
		if (value instanceof CharSequence text) {
			return List.of(text.toString());
		}
		List<?> items = list(value);
		if (items == null) {
			return null;
		}
		List<String> strings = new ArrayList<>(items.size());
		for (Object item : items) {
			if (item instanceof CharSequence text) {
				strings.add(text.toString());
			}
		}
		return strings.isEmpty() ? null : strings;
	}



	private static @Nullable Long whole(@Nullable Object value) {
		return ObjectProperties.wholeNumber(value);
	}

	private static @Nullable Double decimal(@Nullable Object value) {
		return ObjectProperties.decimalNumber(value);
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0L;
	}

}
