package ai.ag2.tracing.benchmarks;

import java.util.Map;

import ai.ag2.tracing.annotation.LlmClient;

/**
 * An LLM client traced by ag2-tracing: {@code chat gpt-4o-mini}, the request and the
 * OpenAI-shaped response read by the built-in extractors (model, id, finish reasons, usage). The
 * "model" answers at once with a canned response, so only the tracing and extraction are measured.
 */
public class Ag2ChatClient {

	@LlmClient(provider = "openai")
	public Map<String, Object> complete(Map<String, Object> request) {
		return (request.get("model") != null) ? OpenAiShapes.RESPONSE : Map.of();
	}

}
