package ai.ag2.tracing.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * A chat-completion request and response in the OpenAI shape, as maps and lists, the form a JSON
 * body takes when read into {@code Map} (raw HTTP to an OpenAI-compatible endpoint or LLM proxy).
 */
final class OpenAiShapes {

	static final Map<String, Object> REQUEST = Map.of("model", "gpt-4o-mini", "temperature", 0.2, "max_tokens", 256,
			"messages", List.of(Map.of("role", "system", "content", "You are a weather assistant."),
					Map.of("role", "user", "content", "What is the weather in Paris tomorrow?")));

	static final Map<String, Object> RESPONSE = Map.of("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object",
			"chat.completion", "created", 1741569952L, "model", "gpt-4o-mini-2024-07-18", "choices",
			List.of(Map.of("index", 0, "message",
					Map.of("role", "assistant", "content", "Tomorrow in Paris: 17 C and light wind."), "finish_reason",
					"stop")),
			"usage", Map.of("prompt_tokens", 27, "completion_tokens", 12, "total_tokens", 39,
					"prompt_tokens_details", Map.of("cached_tokens", 0), "completion_tokens_details",
					Map.of("reasoning_tokens", 0)));

	private OpenAiShapes() {
	}

}
