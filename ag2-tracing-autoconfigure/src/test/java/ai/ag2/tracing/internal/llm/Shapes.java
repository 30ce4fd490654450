package ai.ag2.tracing.internal.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The same OpenAI-compatible chat completion (request and response) as typed camelCase records,
 * snake_case maps and Jackson 2 and 3 trees, the way client code holds them.
 */
public final class Shapes {

	private Shapes() {
	}

	public static ChatCompletion recordResponse() {
		ToolCall toolCall = new ToolCall("call_1", "function", new Function("get_weather", "{\"city\":\"Paris\"}"));
		return new ChatCompletion("chatcmpl-123", "gpt-4o-mini-2024-07-18",
				List.of(new Choice(0, new Message("assistant", "It is sunny.", null), "stop"),
						new Choice(1, new Message("assistant", null, List.of(toolCall)), "tool_calls")),
				new Usage(41, 22, new PromptTokensDetails(8), new CompletionTokensDetails(5), 0.0012));
	}

	public static ChatRequest recordRequest() {
		return new ChatRequest("gpt-4o-mini", List.of(new Message("user", "Weather in Paris?", null)), 0.2, 256, 0.9,
				0.5, -0.5, List.of("END", "STOP"), 7L);
	}

	public static Map<String, Object> mapResponse() {
		Map<String, Object> function = Map.of("name", "get_weather", "arguments", "{\"city\":\"Paris\"}");
		Map<String, Object> toolCallMessage = new LinkedHashMap<>();
		toolCallMessage.put("role", "assistant");
		toolCallMessage.put("content", null);
		toolCallMessage.put("tool_calls", List.of(Map.of("id", "call_1", "type", "function", "function", function)));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("id", "chatcmpl-123");
		response.put("object", "chat.completion");
		response.put("model", "gpt-4o-mini-2024-07-18");
		response.put("choices",
				List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", "It is sunny."),
						"finish_reason", "stop"),
						Map.of("index", 1, "message", toolCallMessage, "finish_reason", "tool_calls")));
		response.put("usage",
				Map.of("prompt_tokens", 41, "completion_tokens", 22L, "total_tokens", 63, "prompt_tokens_details",
						Map.of("cached_tokens", 8), "completion_tokens_details", Map.of("reasoning_tokens", 5),
						"cost", 0.0012));
		return response;
	}

	public static Map<String, Object> mapRequest() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("model", "gpt-4o-mini");
		request.put("messages", List.of(Map.of("role", "user", "content", "Weather in Paris?")));
		request.put("temperature", 0.2);
		request.put("max_tokens", 256);
		request.put("top_p", 0.9);
		request.put("frequency_penalty", 0.5);
		request.put("presence_penalty", -0.5);
		request.put("stop", List.of("END", "STOP"));
		request.put("seed", 7);
		return request;
	}

	public static tools.jackson.databind.JsonNode jackson3(String json) {
		return new tools.jackson.databind.ObjectMapper().readTree(json);
	}

	public static com.fasterxml.jackson.databind.JsonNode jackson2(String json) {
		try {
			return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	public record ChatCompletion(String id, String model, List<Choice> choices, Usage usage) {
	}

	public record Choice(int index, Message message, String finishReason) {
	}

	public record Message(String role, @Nullable String content, @Nullable List<ToolCall> toolCalls) {
	}

	public record ToolCall(String id, String type, Function function) {
	}

	public record Function(String name, String arguments) {
	}

	public record Usage(long promptTokens, long completionTokens, PromptTokensDetails promptTokensDetails,
			CompletionTokensDetails completionTokensDetails, @Nullable Double cost) {
	}

	public record PromptTokensDetails(long cachedTokens) {
	}

	public record CompletionTokensDetails(long reasoningTokens) {
	}

	public record ChatRequest(String model, List<Message> messages, @Nullable Double temperature,
			@Nullable Integer maxTokens, @Nullable Double topP, @Nullable Double frequencyPenalty,
			@Nullable Double presencePenalty, @Nullable List<String> stop, @Nullable Long seed) {
	}

}
