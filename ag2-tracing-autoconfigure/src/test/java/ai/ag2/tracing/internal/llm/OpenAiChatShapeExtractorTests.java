package ai.ag2.tracing.internal.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link OpenAiChatShapeExtractor}: which values it recognises and what it reads from
 * them, for every carrier (records, POJOs, maps, Jackson 2 and 3 trees).
 */
class OpenAiChatShapeExtractorTests {

	static final String RESPONSE_JSON = """
			{"id":"chatcmpl-123","object":"chat.completion","model":"gpt-4o-mini-2024-07-18",
			 "choices":[
			  {"index":0,"message":{"role":"assistant","content":"It is sunny."},"finish_reason":"stop"},
			  {"index":1,"message":{"role":"assistant","content":null,"tool_calls":[
			    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
			   "finish_reason":"tool_calls"}],
			 "usage":{"prompt_tokens":41,"completion_tokens":22,"total_tokens":63,
			  "prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":5},
			  "cost":0.0012}}
			""";

	static final String REQUEST_JSON = """
			{"model":"gpt-4o-mini","temperature":0.2,"max_completion_tokens":256,"top_p":0.9,
			 "frequency_penalty":0.5,"presence_penalty":-0.5,"stop":["END","STOP"],"seed":7,
			 "messages":[
			  {"role":"system","content":"Be brief."},
			  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
			  {"role":"assistant","content":null,"tool_calls":[
			    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
			  {"role":"tool","tool_call_id":"call_1","content":"sunny, 21°C"}]}
			""";

	private final OpenAiChatShapeExtractor extractor = new OpenAiChatShapeExtractor(false);

	private final OpenAiChatShapeExtractor capturing = new OpenAiChatShapeExtractor(true);

	@Test
	void camelCaseRecordResponseGivesIdModelUsageAndFinishReasons() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(Shapes.recordResponse(), details)).isTrue();
		assertResponseDetails(details);
		assertThat(details.getOutputMessages()).isNull();
	}

	@Test
	void snakeCaseMapResponseGivesIdModelUsageAndFinishReasons() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(Shapes.mapResponse(), details)).isTrue();
		assertResponseDetails(details);
	}

	@Test
	void jackson3TreeResponseGivesIdModelUsageAndFinishReasons() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(Shapes.jackson3(RESPONSE_JSON), details)).isTrue();
		assertResponseDetails(details);
	}

	@Test
	void jackson2TreeResponseGivesIdModelUsageAndFinishReasons() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(Shapes.jackson2(RESPONSE_JSON), details)).isTrue();
		assertResponseDetails(details);
	}

	@Test
	void sdkStyleResponseWithOptionalAccessorsAndValueClassesIsRead() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(new SdkCompletion(), details)).isTrue();
		assertThat(details.getFinishReasons()).containsExactly("length");
		assertThat(details.getInputTokens()).isEqualTo(12L);
		assertThat(details.getCacheReadInputTokens()).isEqualTo(3L);
		assertThat(details.getOutputTokens()).isNull();
	}

	@Test
	void outputMessagesAreReadOnlyWhenCapturing() {
		LlmCallDetails details = new LlmCallDetails();
		this.capturing.extractResponse(Shapes.jackson3(RESPONSE_JSON), details);
		assertThat(details.getOutputMessages()).containsExactly(
				new GenAiMessage("assistant", List.of(Part.text("It is sunny.")), "stop"),
				new GenAiMessage("assistant",
						List.of(Part.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), "tool_calls"));
	}

	@Test
	void anthropicMessagesResponseCountsCachedInputAndReadsBlocks() {
		LlmCallDetails details = new LlmCallDetails();
		Object response = Shapes.jackson3("""
				{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
				 "content":[{"type":"text","text":"Let me check."},
				  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
				 "stop_reason":"tool_use",
				 "usage":{"input_tokens":10,"output_tokens":30,"cache_read_input_tokens":100,
				  "cache_creation_input_tokens":5}}
				""");
		assertThat(this.capturing.extractResponse(response, details)).isTrue();
		assertThat(details.getResponseId()).isEqualTo("msg_01");
		assertThat(details.getFinishReasons()).containsExactly("tool_use");
		assertThat(details.getInputTokens()).isEqualTo(115L);
		assertThat(details.getOutputTokens()).isEqualTo(30L);
		assertThat(details.getCacheReadInputTokens()).isEqualTo(100L);
		GenAiMessage output = details.getOutputMessages().get(0);
		assertThat(output.role()).isEqualTo("assistant");
		assertThat(output.finishReason()).isEqualTo("tool_use");
		assertThat(output.parts()).hasSize(2);
		assertThat(output.parts().get(0)).isEqualTo(Part.text("Let me check."));
		assertThat(output.parts().get(1).type()).isEqualTo("tool_call");
		assertThat(output.parts().get(1).id()).isEqualTo("toolu_1");
		assertThat(output.parts().get(1).name()).isEqualTo("get_weather");
		assertThat(output.parts().get(1).arguments()).hasToString("{\"city\":\"Paris\"}");
	}

	@Test
	void responsesApiUsageWithInputAndOutputTokensIsRead() {
		LlmCallDetails details = new LlmCallDetails();
		Object response = Map.of("id", "resp_1", "usage", Map.of("input_tokens", 9, "output_tokens", 4,
				"input_tokens_details", Map.of("cached_tokens", 2), "output_tokens_details",
				Map.of("reasoning_tokens", 1)));
		assertThat(this.extractor.extractResponse(response, details)).isTrue();
		assertThat(details.getInputTokens()).isEqualTo(9L);
		assertThat(details.getOutputTokens()).isEqualTo(4L);
		assertThat(details.getCacheReadInputTokens()).isEqualTo(2L);
		assertThat(details.getReasoningOutputTokens()).isEqualTo(1L);
	}

	@Test
	void valuesThatAreNotChatCompletionsAreNotClaimed() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse("It is sunny.", details)).isFalse();
		assertThat(this.extractor.extractResponse(42, details)).isFalse();
		assertThat(this.extractor.extractResponse(List.of(Shapes.mapResponse()), details)).isFalse();
		assertThat(this.extractor.extractResponse(Map.of("usage", Map.of("prompt_tokens", 1)), details)).isFalse();
		assertThat(this.extractor.extractResponse(new Reply("hi", 3), details)).isFalse();
		assertThat(this.extractor.extractRequest("What is the weather?", details)).isFalse();
		assertThat(this.extractor.extractRequest(Map.of("model", "gpt-4o"), details)).isFalse();
		assertThat(this.extractor.extractRequest(new Reply("hi", 3), details)).isFalse();
		assertThat(details).usingRecursiveComparison().isEqualTo(new LlmCallDetails());
	}

	@Test
	void snakeCaseMapRequestGivesModelAndParameters() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractRequest(Shapes.mapRequest(), details)).isTrue();
		assertRequestDetails(details);
		assertThat(details.getInputMessages()).isNull();
	}

	@Test
	void camelCaseRecordRequestGivesModelAndParameters() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractRequest(Shapes.recordRequest(), details)).isTrue();
		assertRequestDetails(details);
	}

	@Test
	void jacksonTreeRequestsGiveModelAndParameters() {
		LlmCallDetails fromJackson3 = new LlmCallDetails();
		assertThat(this.extractor.extractRequest(Shapes.jackson3(REQUEST_JSON), fromJackson3)).isTrue();
		assertRequestDetails(fromJackson3);
		LlmCallDetails fromJackson2 = new LlmCallDetails();
		assertThat(this.extractor.extractRequest(Shapes.jackson2(REQUEST_JSON), fromJackson2)).isTrue();
		assertRequestDetails(fromJackson2);
	}

	@Test
	void stopGivenAsOneStringIsOneStopSequence() {
		LlmCallDetails details = new LlmCallDetails();
		this.extractor.extractRequest(Map.of("model", "m", "prompt", "Say hi", "stop", "\n"), details);
		assertThat(details.getRequestModel()).isEqualTo("m");
		assertThat(details.getStopSequences()).containsExactly("\n");
	}

	@Test
	void inputMessagesKeepRolesTextToolCallsAndToolResponses() {
		LlmCallDetails details = new LlmCallDetails();
		this.capturing.extractRequest(Shapes.jackson2(REQUEST_JSON), details);
		assertThat(details.getInputMessages()).containsExactly(GenAiMessage.text("system", "Be brief."),
				GenAiMessage.text("user", "Weather in Paris?"),
				new GenAiMessage("assistant",
						List.of(Part.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null),
				new GenAiMessage("tool", List.of(Part.toolCallResponse("call_1", "sunny, 21°C")), null));
	}

	@Test
	void capturedTextIsTheSameStringInstanceNotACopy() {
		String hugeContent = "x".repeat(100_000);
		Map<String, Object> request = Map.of("messages", List.of(Map.of("role", "user", "content", hugeContent)));
		LlmCallDetails details = new LlmCallDetails();
		this.capturing.extractRequest(request, details);
		assertThat(details.getInputMessages().get(0).parts().get(0).content()).isSameAs(hugeContent);
	}

	@Test
	void aMapRequestWithOneMoreParameterThanTheUsualOnesHasItWhateverItsSpelling() {
		Map<String, Object> snake = Map.of("model", "gpt-4o-mini", "messages", List.of(), "temperature", 0.2,
				"max_tokens", 256, "seed", 7);
		Map<String, Object> camel = Map.of("model", "gpt-4o-mini", "messages", List.of(), "temperature", 0.2,
				"maxTokens", 256, "topP", 0.9);
		Map<String, Object> nullValue = new LinkedHashMap<>(Map.of("model", "gpt-4o-mini", "messages", List.of(),
				"max_tokens", 256, "presence_penalty", 0.5));
		nullValue.put("temperature", null);
		LlmCallDetails fromSnake = new LlmCallDetails();
		LlmCallDetails fromCamel = new LlmCallDetails();
		LlmCallDetails withNull = new LlmCallDetails();
		this.capturing.extractRequest(snake, fromSnake);
		this.capturing.extractRequest(camel, fromCamel);
		this.capturing.extractRequest(nullValue, withNull);
		assertThat(fromSnake.getSeed()).isEqualTo(7L);
		assertThat(fromCamel.getMaxTokens()).isEqualTo(256L);
		assertThat(fromCamel.getTopP()).isEqualTo(0.9);
		assertThat(withNull.getTemperature()).isNull();
		assertThat(withNull.getPresencePenalty()).isEqualTo(0.5);
	}

	@Test
	void fieldsOfUnexpectedTypesAreSkippedWithoutFailing() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("model", List.of("not", "a", "string"));
		request.put("messages", List.of(42, "plain text", Map.of("content", Map.of("odd", true)), List.of()));
		request.put("temperature", "warm");
		request.put("max_tokens", Map.of());
		request.put("stop", 3);
		request.put("seed", Double.NaN);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("choices", List.of("oops", Map.of("finish_reason", 1, "message", 7)));
		response.put("usage", Map.of("prompt_tokens", "12", "completion_tokens", "many"));
		LlmCallDetails details = new LlmCallDetails();
		assertThatNoException().isThrownBy(() -> {
			assertThat(this.capturing.extractRequest(request, details)).isTrue();
			assertThat(this.capturing.extractResponse(response, details)).isTrue();
		});
		assertThat(details.getRequestModel()).isNull();
		assertThat(details.getTemperature()).isNull();
		assertThat(details.getMaxTokens()).isNull();
		assertThat(details.getStopSequences()).isNull();
		assertThat(details.getSeed()).isNull();
		assertThat(details.getInputMessages()).extracting(GenAiMessage::role).containsExactly("user", "user", "user");
		assertThat(details.getFinishReasons()).isNull();
		assertThat(details.getInputTokens()).isEqualTo(12L);
		assertThat(details.getOutputTokens()).isNull();
	}

	static void assertResponseDetails(LlmCallDetails details) {
		assertThat(details.getResponseId()).isEqualTo("chatcmpl-123");
		assertThat(details.getResponseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(details.getFinishReasons()).containsExactly("stop", "tool_calls");
		assertThat(details.getInputTokens()).isEqualTo(41L);
		assertThat(details.getOutputTokens()).isEqualTo(22L);
		assertThat(details.getCacheReadInputTokens()).isEqualTo(8L);
		assertThat(details.getReasoningOutputTokens()).isEqualTo(5L);
		assertThat(details.getCost()).isEqualTo(0.0012);
	}

	static void assertRequestDetails(LlmCallDetails details) {
		assertThat(details.getRequestModel()).isEqualTo("gpt-4o-mini");
		assertThat(details.getTemperature()).isEqualTo(0.2);
		assertThat(details.getMaxTokens()).isEqualTo(256L);
		assertThat(details.getTopP()).isEqualTo(0.9);
		assertThat(details.getFrequencyPenalty()).isEqualTo(0.5);
		assertThat(details.getPresencePenalty()).isEqualTo(-0.5);
		assertThat(details.getStopSequences()).containsExactly("END", "STOP");
		assertThat(details.getSeed()).isEqualTo(7L);
	}

	record Reply(String text, int tokens) {
	}

	/** A response shaped like the OpenAI Java SDK's: Optional accessors and value classes. */
	public static final class SdkCompletion {

		public String id() {
			return "chatcmpl-sdk";
		}

		public List<SdkChoice> choices() {
			return List.of(new SdkChoice());
		}

		public Optional<SdkUsage> usage() {
			return Optional.of(new SdkUsage());
		}

	}

	public static final class SdkChoice {

		public SdkFinishReason finishReason() {
			return new SdkFinishReason();
		}

	}

	public static final class SdkFinishReason {

		public String asString() {
			return "length";
		}

	}

	public static final class SdkUsage {

		public long promptTokens() {
			return 12;
		}

		public Optional<Long> completionTokens() {
			return Optional.empty();
		}

		public Optional<SdkPromptTokensDetails> promptTokensDetails() {
			return Optional.of(new SdkPromptTokensDetails());
		}

	}

	public static final class SdkPromptTokensDetails {

		public Optional<Long> cachedTokens() {
			return Optional.of(3L);
		}

	}

}
