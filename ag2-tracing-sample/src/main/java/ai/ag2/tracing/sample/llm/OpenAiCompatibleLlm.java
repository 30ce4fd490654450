package ai.ag2.tracing.sample.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.LlmClient;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A language model behind an OpenAI-compatible {@code /chat/completions} endpoint (OpenAI, an
 * LLM proxy such as LiteLLM, Ollama, vLLM, …). It calls through a {@link RestClient} built from
 * Spring Boot's {@code RestClient.Builder}, so the call is an HTTP client span under the
 * {@code chat} span and the endpoint receives the trace's {@code traceparent}.
 */
@LlmClient(provider = "openai")
public class OpenAiCompatibleLlm implements LanguageModel {

	private final RestClient http;

	/**
	 * Create a client for the endpoint at {@code baseUrl}.
	 * @param builder Spring Boot's builder, which carries the tracing interceptors
	 * @param baseUrl the API base, e.g. {@code https://api.openai.com/v1}
	 * @param apiKey the bearer token, or empty for endpoints without one
	 */
	public OpenAiCompatibleLlm(RestClient.Builder builder, String baseUrl, String apiKey) {
		RestClient.Builder configured = builder.baseUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
		if (!apiKey.isBlank()) {
			configured = configured.defaultHeaders((headers) -> headers.setBearerAuth(apiKey));
		}
		this.http = configured.build();
	}

	@Override
	public ChatReply chat(ChatRequest request) {
		JsonNode response = this.http.post()
			.uri("chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body(request))
			.retrieve()
			.body(JsonNode.class);
		if (response == null) {
			throw new IllegalStateException("empty response from the chat-completion endpoint");
		}
		JsonNode choice = response.path("choices").path(0);
		JsonNode message = choice.path("message");
		List<ToolCall> toolCalls = new ArrayList<>();
		for (JsonNode call : message.path("tool_calls")) {
			toolCalls.add(new ToolCall(call.path("id").asString(), call.path("function").path("name").asString(),
					call.path("function").path("arguments").asString()));
		}
		String finishReason = choice.path("finish_reason").asString("stop");
		String model = response.path("model").asString(request.model());
		Ag2Span span = Ag2Span.current().setFinishReasons(finishReason);
		JsonNode usage = response.path("usage");
		if (usage.has("prompt_tokens")) {
			span.setUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
		}
		if (response.has("id")) {
			span.setResponseId(response.path("id").asString());
		}
		return new ChatReply(message.path("content").asString(""), toolCalls, finishReason, model);
	}

	private static Map<String, Object> body(ChatRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", request.model());
		List<Map<String, Object>> messages = new ArrayList<>();
		for (ChatMessage message : request.messages()) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("role", message.role());
			boolean onlyToolCalls = !message.toolCalls().isEmpty() && message.text().isEmpty();
			json.put("content", onlyToolCalls ? null : message.content());
			if (message.name() != null && !"tool".equals(message.role())) {
				json.put("name", message.name());
			}
			if (!message.toolCalls().isEmpty()) {
				json.put("tool_calls", message.toolCalls().stream().map((call) -> object("id", call.id(), "type",
						"function", "function", object("name", call.name(), "arguments", call.arguments()))).toList());
			}
			if (message.toolCallId() != null) {
				json.put("tool_call_id", message.toolCallId());
			}
			messages.add(json);
		}
		body.put("messages", messages);
		if (!request.tools().isEmpty()) {
			body.put("tools", request.tools().stream().map(OpenAiCompatibleLlm::tool).toList());
		}
		return body;
	}

	private static Map<String, Object> tool(ToolDefinition tool) {
		Map<String, Object> parameters = object("type", "object", "properties",
				object(tool.parameter(), object("type", "string", "description", tool.parameterDescription())),
				"required", List.of(tool.parameter()));
		return object("type", "function", "function",
				object("name", tool.name(), "description", tool.description(), "parameters", parameters));
	}

	// A JSON object that keeps its keys in the order given.
	private static Map<String, Object> object(Object... keysAndValues) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			object.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return object;
	}

}
