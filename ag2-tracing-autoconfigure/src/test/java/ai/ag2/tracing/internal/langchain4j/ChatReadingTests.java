package ai.ag2.tracing.internal.langchain4j;

import java.util.Arrays;
import java.util.List;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed reading of LangChain4j's chat types: every provider and finish reason in the conventions'
 * spelling, messages with their real roles and parts, request parameters before the model's
 * defaults, and usage with OpenAI's details.
 */
class ChatReadingTests {

	@Test
	void everyProviderOfLangChain4jHasAConventionsNameOrNone() {
		assertThat(ChatReading.provider(ModelProvider.OPEN_AI)).isEqualTo("openai");
		assertThat(ChatReading.provider(ModelProvider.ANTHROPIC)).isEqualTo("anthropic");
		assertThat(ChatReading.provider(ModelProvider.AMAZON_BEDROCK)).isEqualTo("aws.bedrock");
		assertThat(ChatReading.provider(ModelProvider.GOOGLE_AI_GEMINI)).isEqualTo("gcp.gemini");
		assertThat(ChatReading.provider(ModelProvider.GOOGLE_VERTEX_AI_GEMINI)).isEqualTo("gcp.vertex_ai");
		assertThat(ChatReading.provider(ModelProvider.MISTRAL_AI)).isEqualTo("mistral_ai");
		assertThat(ChatReading.provider(ModelProvider.WATSONX)).isEqualTo("ibm.watsonx.ai");
		assertThat(ChatReading.provider(ModelProvider.OLLAMA)).isEqualTo("ollama");
		assertThat(ChatReading.provider(ModelProvider.OTHER)).isNull();
		assertThat(Arrays.stream(ModelProvider.values()).map(ChatReading::provider))
			.allSatisfy((name) -> assertThat(name).satisfiesAnyOf((value) -> assertThat(value).isNull(),
					(value) -> assertThat(value).matches("[a-z0-9_.]+")));
	}

	@Test
	void finishReasonsAreTheConventionsLowerCaseValues() {
		assertThat(ChatReading.finishReason(FinishReason.STOP)).isEqualTo("stop");
		assertThat(ChatReading.finishReason(FinishReason.LENGTH)).isEqualTo("length");
		assertThat(ChatReading.finishReason(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_calls");
		assertThat(ChatReading.finishReason(FinishReason.CONTENT_FILTER)).isEqualTo("content_filter");
		assertThat(ChatReading.finishReason(FinishReason.OTHER)).isEqualTo("other");
		assertThat(ChatReading.finishReason(null)).isNull();
	}

	@Test
	void messagesKeepTheirRolesAndParts() {
		List<ChatMessage> messages = List.of(SystemMessage.from("Be brief."),
				UserMessage.from(TextContent.from("Look:"), ImageContent.from("https://example.com/cat.png")),
				AiMessage.builder()
					.thinking("The user wants the weather.")
					.toolExecutionRequests(List.of(ToolExecutionRequest.builder()
						.id("call_1")
						.name("get_weather")
						.arguments("{\"city\":\"Paris\"}")
						.build()))
					.build(),
				ToolExecutionResultMessage.from("call_1", "get_weather", "sunny"),
				CustomMessage.from(java.util.Map.of("k", "v")));

		assertThat(ChatReading.messages(messages)).containsExactly(GenAiMessage.text("system", "Be brief."),
				new GenAiMessage("user", List.of(Part.text("Look:")), null),
				new GenAiMessage("assistant", List.of(Part.reasoning("The user wants the weather."),
						Part.toolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null),
				new GenAiMessage("tool", List.of(Part.toolCallResponse("call_1", "sunny")), null));
	}

	@Test
	void toolResultOfSeveralContentsIsTheirTextsNotAFailure() {
		ToolExecutionResultMessage result = ToolExecutionResultMessage.builder()
			.id("call_2")
			.toolName("photos")
			.contents(List.of(TextContent.from("two photos"), ImageContent.from(Image.builder().url("https://example.com/a.png").build()),
					TextContent.from("of Paris")))
			.build();

		assertThat(ChatReading.messages(List.of(result)))
			.containsExactly(new GenAiMessage("tool", List.of(Part.toolCallResponse("call_2", "two photos\nof Paris")), null));
	}

	@Test
	void requestParametersComeBeforeTheModelsDefaults() {
		LlmCallDetails details = new LlmCallDetails();
		ChatReading.request(ChatRequest.builder()
			.messages(UserMessage.from("hi"))
			.parameters(OpenAiChatRequestParameters.builder().temperature(0.7).seed(7).build())
			.build(), details, false);
		ChatReading.parameters(DefaultChatRequestParameters.builder()
			.modelName("gpt-4o-mini")
			.temperature(0.2)
			.maxOutputTokens(100)
			.stopSequences(List.of("END"))
			.build(), details);

		assertThat(details.getRequestModel()).isEqualTo("gpt-4o-mini");
		assertThat(details.getTemperature()).isEqualTo(0.7);
		assertThat(details.getSeed()).isEqualTo(7L);
		assertThat(details.getMaxTokens()).isEqualTo(100L);
		assertThat(details.getStopSequences()).containsExactly("END");
		assertThat(details.getInputMessages()).isNull();
	}

	@Test
	void openAiUsageGivesCachedAndReasoningTokens() {
		LlmCallDetails details = new LlmCallDetails();
		ChatReading.response(ChatResponse.builder()
			.aiMessage(AiMessage.from("ok"))
			.metadata(ChatResponseMetadata.builder()
				.id("chatcmpl-1")
				.modelName("gpt-4o-mini-2024-07-18")
				.finishReason(FinishReason.LENGTH)
				.tokenUsage(OpenAiTokenUsage.builder()
					.inputTokenCount(100)
					.outputTokenCount(20)
					.inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(64).build())
					.outputTokensDetails(OpenAiTokenUsage.OutputTokensDetails.builder().reasoningTokens(8).build())
					.build())
				.build())
			.build(), details, true);

		assertThat(details.getResponseId()).isEqualTo("chatcmpl-1");
		assertThat(details.getResponseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(details.getFinishReasons()).containsExactly("length");
		assertThat(details.getInputTokens()).isEqualTo(100L);
		assertThat(details.getOutputTokens()).isEqualTo(20L);
		assertThat(details.getCacheReadInputTokens()).isEqualTo(64L);
		assertThat(details.getReasoningOutputTokens()).isEqualTo(8L);
		assertThat(details.getOutputMessages())
			.containsExactly(new GenAiMessage("assistant", List.of(Part.text("ok")), "length"));
	}

	@Test
	void plainUsageGivesTokensOnly() {
		LlmCallDetails details = new LlmCallDetails();
		ChatReading.usage(new TokenUsage(5, 6), details);

		assertThat(details.getInputTokens()).isEqualTo(5L);
		assertThat(details.getOutputTokens()).isEqualTo(6L);
		assertThat(details.getCacheReadInputTokens()).isNull();
		assertThat(details.getReasoningOutputTokens()).isNull();
		assertThat(details.getCacheCreationInputTokens()).isNull();
	}

	@Test
	void responseWithoutMetadataOrMessageReadsNothing() {
		LlmCallDetails details = new LlmCallDetails();
		ChatReading.response(ChatResponse.builder().aiMessage(AiMessage.from("ok")).build(), details, false);

		assertThat(details.getResponseId()).isNull();
		assertThat(details.getFinishReasons()).isNull();
		assertThat(details.getOutputMessages()).isNull();
	}

}
