package ai.ag2.tracing.aop;

import java.util.List;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.llm.Shapes;
import ai.ag2.tracing.internal.llm.Shapes.ChatCompletion;
import ai.ag2.tracing.internal.llm.Shapes.ChatRequest;
import ai.ag2.tracing.internal.llm.Shapes.Choice;
import ai.ag2.tracing.internal.llm.Shapes.CompletionTokensDetails;
import ai.ag2.tracing.internal.llm.Shapes.Message;
import ai.ag2.tracing.internal.llm.Shapes.PromptTokensDetails;
import ai.ag2.tracing.internal.llm.Shapes.Usage;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What an {@code @LlmClient} span carries when the client hands the built-in extractors
 * OpenAI-compatible requests and responses (records, maps, Jackson trees) or Spring AI types, as a
 * user sees it through Spring Boot's OpenTelemetry stack.
 */
class LlmCallTracingTests {

	private static final String RESPONSE_JSON = """
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

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(LlmConfiguration.class);

	@Test
	void openAiShapedRecordResponseGivesUsageFinishReasonsIdAndModel() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeRecord(Shapes.recordRequest());
			assertResponseAttributes(onlyChatSpan(context, "chat gpt-4o-mini"));
		});
	}

	@Test
	void openAiShapedMapResponseGivesUsageFinishReasonsIdAndModel() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeMap(Shapes.mapRequest());
			assertResponseAttributes(onlyChatSpan(context, "chat gpt-4o-mini"));
		});
	}

	@Test
	void jackson3TreeResponseGivesUsageFinishReasonsIdAndModel() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeJackson3(modelOnlyRequest(), Shapes.jackson3(RESPONSE_JSON));
			assertResponseAttributes(onlyChatSpan(context, "chat gpt-4o"));
		});
	}

	@Test
	void jackson2TreeResponseGivesUsageFinishReasonsIdAndModel() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeJackson2(modelOnlyRequest(), Shapes.jackson2(RESPONSE_JSON));
			assertResponseAttributes(onlyChatSpan(context, "chat gpt-4o"));
		});
	}

	@Test
	void requestRecordNamesTheSpanAfterItsModelAndGivesRequestParameters() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeRecord(Shapes.recordRequest());
			assertRequestAttributes(onlyChatSpan(context, "chat gpt-4o-mini"));
		});
	}

	@Test
	void requestMapNamesTheSpanAfterItsModelAndGivesRequestParameters() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeMap(Shapes.mapRequest());
			SpanData chat = onlyChatSpan(context, "chat gpt-4o-mini");
			assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
			assertRequestAttributes(chat);
		});
	}

	@Test
	void modelOfTheAnnotationWinsOverTheRequestModel() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completePinned(Shapes.mapRequest());
			SpanData chat = onlyChatSpan(context, "chat gpt-4.1");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4.1");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE)).isEqualTo(0.2);
		});
	}

	@Test
	void usageOfTwoLlmCallsAddsUpOnTheConversation() {
		this.runner.run((context) -> {
			context.getBean(Planner.class).plan();
			SpanTree tree = TracingContextRunners.awaitSpans(context, 3);
			assertThat(tree.render()).isEqualTo("""
					conversation planner [INTERNAL]
					  chat gpt-4o-mini [CLIENT]
					  chat gpt-4o-mini [CLIENT]
					""");
			SpanData conversation = tree.span("conversation planner");
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(30L);
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(12L);
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_COST)).isCloseTo(0.003,
					within(1e-9));
			assertThat(tree.all("chat gpt-4o-mini"))
				.extracting((chat) -> chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
				.containsExactly(10L, 20L);
		});
	}

	@Test
	void messagesAreNotCapturedByDefault() {
		this.runner.run((context) -> {
			context.getBean(OpenAiShapedClient.class).completeMap(Shapes.mapRequest());
			context.getBean(SpringAiClient.class).call(springAiPrompt());
			List<SpanData> spans = TracingContextRunners.awaitSpans(context, 2).spans();
			assertThat(spans).hasSize(2).allSatisfy((span) -> {
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES)).isNull();
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES)).isNull();
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)).isNotNull();
			});
		});
	}

	@Test
	void capturedMessagesAreGenAiPartsJsonWithTheSystemPromptAsSystemInstructions() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			Map<String, Object> request = Map.of("model", "gpt-4o-mini", "messages",
					List.of(Map.of("role", "system", "content", "Be brief."),
							Map.of("role", "user", "content", "Weather in Paris?")));
			context.getBean(OpenAiShapedClient.class).completeMap(request);
			SpanData chat = onlyChatSpan(context, "chat gpt-4o-mini");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS))
				.isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES))
				.isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Paris?\"}]}]");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES))
				.isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"It is sunny.\"}],"
						+ "\"finish_reason\":\"stop\"},"
						+ "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\","
						+ "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}],"
						+ "\"finish_reason\":\"tool_calls\"}]");
		});
	}

	@Test
	void capturedToolCallRoundTripIsToolCallAndToolCallResponseParts() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			Object request = Shapes.jackson3("""
					{"model":"gpt-4o","messages":[
					 {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
					   "function":{"name":"get_weather","arguments":"{}"}}]},
					 {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
					""");
			context.getBean(OpenAiShapedClient.class).completeAny(request);
			SpanData chat = onlyChatSpan(context, "chat gpt-4o");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES))
				.isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_1\","
						+ "\"name\":\"get_weather\",\"arguments\":\"{}\"}]},"
						+ "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
						+ "\"response\":\"sunny\"}]}]");
		});
	}

	@Test
	void capturedAnthropicToolUseKeepsItsInputAsAJsonObject() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			JsonNode response = Shapes.jackson3("""
					{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
					 "content":[{"type":"text","text":"Let me check."},
					  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
					 "stop_reason":"tool_use",
					 "usage":{"input_tokens":10,"output_tokens":30,"cache_read_input_tokens":100}}
					""");
			context.getBean(OpenAiShapedClient.class).completeJackson3(modelOnlyRequest(), response);
			SpanData chat = onlyChatSpan(context, "chat gpt-4o");
			assertThat(chat.getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("tool_use"))
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 110L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 100L)
				.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES,
						"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Let me check.\"},"
								+ "{\"type\":\"tool_call\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
								+ "\"arguments\":{\"city\":\"Paris\"}}],\"finish_reason\":\"tool_use\"}]");
		});
	}

	@Test
	void capturedMessagesLongerThanTheMaximumStayValidJson() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true", "ag2.tracing.max-content-length=120")
			.run((context) -> {
				String longQuestion = "Tell me about Paris. ".repeat(50);
				Map<String, Object> request = Map.of("model", "gpt-4o-mini", "messages",
						List.of(Map.of("role", "user", "content", longQuestion)));
				context.getBean(OpenAiShapedClient.class).completeMap(request);
				String input = onlyChatSpan(context, "chat gpt-4o-mini").getAttributes()
					.get(Ag2Attributes.GEN_AI_INPUT_MESSAGES);
				assertThat(input).hasSizeLessThanOrEqualTo(120).contains(Ag2Attributes.TRUNCATION_MARKER);
				JsonNode parsed = new ObjectMapper().readTree(input);
				assertThat(parsed.get(0).get("role").stringValue()).isEqualTo("user");
				assertThat(parsed.get(0).get("parts").get(0).get("content").stringValue())
					.startsWith("Tell me about Paris.")
					.endsWith(Ag2Attributes.TRUNCATION_MARKER);
			});
	}

	@Test
	void springAiChatResponseGivesUsageAndFinishReasons() {
		this.runner.run((context) -> {
			context.getBean(SpringAiClient.class).call(springAiPrompt());
			SpanData chat = onlyChatSpan(context, "chat gpt-4o");
			assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o")
				.containsEntry(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, 0.3)
				.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, 512L)
				.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, "chatcmpl-9")
				.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06")
				.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 100L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 20L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 30L);
		});
	}

	@Test
	void capturedSpringAiMessagesAreGenAiPartsJson() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			context.getBean(SpringAiClient.class).call(springAiPrompt());
			SpanData chat = onlyChatSpan(context, "chat gpt-4o");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES))
				.isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Paris?\"}]}]");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES))
				.isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"It is sunny.\"}],"
						+ "\"finish_reason\":\"stop\"}]");
		});
	}

	@Test
	void extractorBeanThatThrowsNeitherBreaksTheCallNorTheSpan() {
		this.runner.withBean("brokenExtractor", BrokenExtractor.class, BrokenExtractor::new).run((context) -> {
			OpenAiShapedClient client = context.getBean(OpenAiShapedClient.class);
			ChatCompletion result = client.completeRecord(Shapes.recordRequest());
			assertThat(result).isSameAs(OpenAiShapedClient.RECORD_RESPONSE);
			assertThat(context.getBean(BrokenExtractor.class).calls).isEqualTo(2);
			SpanData chat = onlyChatSpan(context, "chat gpt-4o-mini");
			assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertResponseAttributes(chat);
		});
	}

	@Test
	void extractorBeanRunsBeforeTheBuiltInOnes() {
		this.runner.withBean("cheapModelExtractor", LlmCallExtractor.class, CheapModelExtractor::new)
			.run((context) -> {
				context.getBean(OpenAiShapedClient.class).completeMap(Shapes.mapRequest());
				SpanData chat = onlyChatSpan(context, "chat custom-model");
				assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE)).isNull();
				assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(41L);
			});
	}

	@Test
	void expressionAttributesReadUsageAndCostOfACustomResponseType() {
		this.runner.run((context) -> {
			Reply reply = context.getBean(CustomClient.class).ask("hi");
			assertThat(reply.text()).isEqualTo("hello");
			SpanData chat = onlyChatSpan(context, "chat acme-1");
			assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "acme")
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 7L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 3L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_COST, 0.25)
				.doesNotContainKey(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS);
		});
	}

	private static SpanData onlyChatSpan(org.springframework.context.ApplicationContext context, String name) {
		SpanTree tree = TracingContextRunners.awaitSpans(context, 1);
		return tree.span(name);
	}

	private static void assertResponseAttributes(SpanData chat) {
		assertThat(chat.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, "chatcmpl-123")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-mini-2024-07-18")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop", "tool_calls"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 41L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 22L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 8L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, 5L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_COST, 0.0012);
	}

	private static void assertRequestAttributes(SpanData chat) {
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, 0.2)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, 256L)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_TOP_P, 0.9)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_FREQUENCY_PENALTY, 0.5)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_PRESENCE_PENALTY, -0.5)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_STOP_SEQUENCES, List.of("END", "STOP"))
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_SEED, 7L);
	}

	static Map<String, Object> modelOnlyRequest() {
		return Map.of("model", "gpt-4o", "messages", List.of());
	}

	static Prompt springAiPrompt() {
		return new Prompt(new UserMessage("Weather in Paris?"),
				ChatOptions.builder().model("gpt-4o").temperature(0.3).maxTokens(512).build());
	}

	@Configuration(proxyBeanMethods = false)
	static class LlmConfiguration {

		@Bean
		OpenAiShapedClient openAiShapedClient() {
			return new OpenAiShapedClient();
		}

		@Bean
		SpringAiClient springAiClient() {
			return new SpringAiClient();
		}

		@Bean
		Planner planner(OpenAiShapedClient client) {
			return new Planner(client);
		}

		@Bean
		CustomClient customClient() {
			return new CustomClient();
		}

	}

	@LlmClient(provider = "OpenAI")
	static class OpenAiShapedClient {

		static final ChatCompletion RECORD_RESPONSE = Shapes.recordResponse();

		public ChatCompletion completeRecord(ChatRequest request) {
			return RECORD_RESPONSE;
		}

		public Map<String, Object> completeMap(Map<String, Object> request) {
			return Shapes.mapResponse();
		}

		public Object completeAny(Object request) {
			return Shapes.mapResponse();
		}

		public JsonNode completeJackson3(Map<String, Object> request, JsonNode cannedResponse) {
			return cannedResponse;
		}

		public com.fasterxml.jackson.databind.JsonNode completeJackson2(Map<String, Object> request,
				com.fasterxml.jackson.databind.JsonNode cannedResponse) {
			return cannedResponse;
		}

		@LlmClient(provider = "openai", model = "gpt-4.1")
		public Map<String, Object> completePinned(Map<String, Object> request) {
			return Shapes.mapResponse();
		}

		public ChatCompletion complete(ChatRequest request, long inputTokens, long outputTokens, double cost) {
			return new ChatCompletion("chatcmpl-" + inputTokens, "gpt-4o-mini",
					List.of(new Choice(0, new Message("assistant", "ok", null), "stop")),
					new Usage(inputTokens, outputTokens, new PromptTokensDetails(0), new CompletionTokensDetails(0),
							cost));
		}

	}

	static class Planner {

		private final OpenAiShapedClient client;

		Planner(OpenAiShapedClient client) {
			this.client = client;
		}

		@Conversation(agent = "planner")
		public void plan() {
			this.client.complete(Shapes.recordRequest(), 10, 5, 0.001);
			this.client.complete(Shapes.recordRequest(), 20, 7, 0.002);
		}

	}

	@LlmClient(provider = "openai")
	static class SpringAiClient {

		public ChatResponse call(Prompt prompt) {
			Generation generation = new Generation(new AssistantMessage("It is sunny."),
					ChatGenerationMetadata.builder().finishReason("STOP").build());
			return new ChatResponse(List.of(generation),
					ChatResponseMetadata.builder()
						.id("chatcmpl-9")
						.model("gpt-4o-2024-08-06")
						.usage(new DefaultUsage(100, 20, 120, null, 30L, null))
						.build());
		}

	}

	record Reply(String text, int in, int out, double price) {
	}

	static class CustomClient {

		@LlmClient(provider = "acme", model = "acme-1", inputTokens = "#{#result.in}", outputTokens = "#{#result.out}",
				cost = "#{#result.price}")
		public Reply ask(String question) {
			return new Reply("hello", 7, 3, 0.25);
		}

	}

	static class BrokenExtractor implements LlmCallExtractor {

		int calls;

		@Override
		public boolean extractRequest(Object argument, LlmCallDetails details) {
			this.calls++;
			throw new IllegalStateException("broken request extractor");
		}

		@Override
		public boolean extractResponse(Object result, LlmCallDetails details) {
			this.calls++;
			throw new IllegalStateException("broken response extractor");
		}

	}

	static class CheapModelExtractor implements LlmCallExtractor {

		@Override
		public boolean extractRequest(Object argument, LlmCallDetails details) {
			details.setRequestModel("custom-model");
			return true;
		}

	}

}
