package ai.ag2.tracing.internal.springai;

import java.util.List;
import java.util.Map;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.llm.Shapes;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpringAiExtractor} with real Spring AI {@code Prompt} and {@code ChatResponse}
 * instances.
 */
class SpringAiExtractorTests {

	private final SpringAiExtractor extractor = new SpringAiExtractor(false);

	private final SpringAiExtractor capturing = new SpringAiExtractor(true);

	@Test
	void chatResponseGivesIdModelUsageAndLowerCaseFinishReasons() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(chatResponse(), details)).isTrue();
		assertThat(details.getResponseId()).isEqualTo("chatcmpl-9");
		assertThat(details.getResponseModel()).isEqualTo("gpt-4o-2024-08-06");
		assertThat(details.getInputTokens()).isEqualTo(100L);
		assertThat(details.getOutputTokens()).isEqualTo(20L);
		assertThat(details.getCacheReadInputTokens()).isEqualTo(30L);
		assertThat(details.getReasoningOutputTokens()).isEqualTo(4L);
		assertThat(details.getFinishReasons()).containsExactly("stop", "tool_calls");
		assertThat(details.getOutputMessages()).isNull();
	}

	@Test
	void chatResponseWithoutUsageDoesNotReportZeroTokens() {
		ChatResponse response = new ChatResponse(List.of(new Generation(new AssistantMessage("hi"))));
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractResponse(response, details)).isTrue();
		assertThat(details.getInputTokens()).isNull();
		assertThat(details.getOutputTokens()).isNull();
		assertThat(details.getResponseId()).isNull();
		assertThat(details.getFinishReasons()).isNull();
	}

	@Test
	void capturedOutputMessagesCarryTextToolCallsAndFinishReason() {
		LlmCallDetails details = new LlmCallDetails();
		this.capturing.extractResponse(chatResponse(), details);
		assertThat(details.getOutputMessages()).containsExactly(
				new GenAiMessage("assistant", List.of(Part.text("It is sunny.")), "stop"),
				new GenAiMessage("assistant", List.of(Part.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")),
						"tool_calls"));
	}

	@Test
	void promptGivesModelOptionsAndMessages() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Weather in Paris?"),
				AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "get_weather",
							"{\"city\":\"Paris\"}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "get_weather", "sunny")))
					.build()),
				ChatOptions.builder()
					.model("gpt-4o")
					.temperature(0.3)
					.maxTokens(512)
					.topP(0.8)
					.frequencyPenalty(0.1)
					.presencePenalty(0.2)
					.stopSequences(List.of("END"))
					.build());
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.capturing.extractRequest(prompt, details)).isTrue();
		assertThat(details.getRequestModel()).isEqualTo("gpt-4o");
		assertThat(details.getTemperature()).isEqualTo(0.3);
		assertThat(details.getMaxTokens()).isEqualTo(512L);
		assertThat(details.getTopP()).isEqualTo(0.8);
		assertThat(details.getFrequencyPenalty()).isEqualTo(0.1);
		assertThat(details.getPresencePenalty()).isEqualTo(0.2);
		assertThat(details.getStopSequences()).containsExactly("END");
		assertThat(details.getInputMessages()).containsExactly(GenAiMessage.text("system", "Be brief."),
				GenAiMessage.text("user", "Weather in Paris?"),
				new GenAiMessage("assistant", List.of(Part.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")),
						null),
				new GenAiMessage("tool", List.of(Part.toolCallResponse("call_1", "sunny")), null));
	}

	@Test
	void promptMessagesAreNotReadWhenNotCapturing() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractRequest(new Prompt("hello"), details)).isTrue();
		assertThat(details.getInputMessages()).isNull();
	}

	@Test
	void otherTypesAreLeftToTheNextExtractor() {
		LlmCallDetails details = new LlmCallDetails();
		assertThat(this.extractor.extractRequest(Shapes.mapRequest(), details)).isFalse();
		assertThat(this.extractor.extractResponse(Shapes.mapResponse(), details)).isFalse();
		assertThat(this.extractor.extractResponse("text", details)).isFalse();
	}

	static ChatResponse chatResponse() {
		Generation text = new Generation(new AssistantMessage("It is sunny."),
				ChatGenerationMetadata.builder().finishReason("STOP").build());
		Generation toolCall = new Generation(
				AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "get_weather",
							"{\"city\":\"Paris\"}")))
					.build(),
				ChatGenerationMetadata.builder().finishReason("TOOL_CALLS").build());
		Map<String, Object> nativeUsage = Map.of("prompt_tokens", 100, "completion_tokens", 20,
				"completion_tokens_details", Map.of("reasoning_tokens", 4));
		return new ChatResponse(List.of(text, toolCall),
				ChatResponseMetadata.builder()
					.id("chatcmpl-9")
					.model("gpt-4o-2024-08-06")
					.usage(new DefaultUsage(100, 20, 120, nativeUsage, 30L, null))
					.build());
	}

}
