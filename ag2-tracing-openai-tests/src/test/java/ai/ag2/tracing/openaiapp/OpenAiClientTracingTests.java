package ai.ag2.tracing.openaiapp;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2OpenAiClients;
import ai.ag2.tracing.openaiapp.ResearchApplication.ResearchChats;
import ai.ag2.tracing.openaiapp.ResearchApplication.Researcher;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.SpanTree;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code OpenAIClient} bean called directly (no {@code @LlmClient} of the user's): every call
 * is one {@code chat} span under the agent turn, with the whole span contract and content capture
 * on, and its request carries exactly one {@code traceparent} naming the span's HTTP child.
 */
@SpringBootTest(properties = { "app.openai.api-key=test-key", "management.tracing.sampling.probability=1.0",
		"management.otlp.metrics.export.enabled=false", "ag2.tracing.capture-content=true" })
class OpenAiClientTracingTests {

	private static final String ANSWER = "Paris is the capital of France.";

	private static final String QUESTION = "What is the capital of France?";

	private static final AttributeKey<String> SERVER_ADDRESS = ServerAttributes.SERVER_ADDRESS;

	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint.answering(ANSWER);

	@Autowired
	private ResearchChats chats;

	@Autowired
	private OpenAiApplication.Chats llmClientChats;

	@Autowired
	private OpenAiApplication.OpenAiChat llmClientChat;

	@Autowired
	private OpenAIClient client;

	@Autowired
	private Ag2OpenAiClients ag2OpenAiClients;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("app.openai.base-url", endpoint::baseUrl);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@BeforeEach
	void forgetEarlierCalls() {
		flush();
		this.spans.reset();
		endpoint.reset();
	}

	@Test
	void clientBeanCallIsOneChatSpanWithTheWholeSpanContract() {
		assertThat(ask(Researcher::ask)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(4);
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent researcher [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		String conversationId = conversationId(spans);
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "chat")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, 0.2)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, 64L)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSE_ID)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.cachedTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.reasoningTokens())
			.containsEntry(SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) endpoint.port())
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "researcher")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId)
			.containsEntry(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS,
					"[{\"type\":\"text\",\"content\":\"" + ResearchApplication.SYSTEM_PROMPT + "\"}]")
			.containsEntry(Ag2Attributes.GEN_AI_INPUT_MESSAGES,
					"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + QUESTION + "\"}]}]")
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
					+ "\"content\":\"" + ANSWER + "\"}],\"finish_reason\":\"stop\"}]")
			.doesNotContainKey(Ag2Attributes.GEN_AI_REQUEST_STREAM);
		assertThat(chat.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		SpanData conversation = SpanTree.of(spans).span("conversation user_proxy");
		assertThat(conversation.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens());
		assertOneTraceparentNamingTheHttpChildOf(chat, spans);
	}

	@Test
	void streamedCallEndsWhenTheStreamIsExhaustedWithWhatTheChunksBrought() {
		assertThat(ask(Researcher::askStreamed)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(4);
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_STREAM, true)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSE_ID)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.cachedTokens())
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
					+ "\"content\":\"" + ANSWER + "\"}],\"finish_reason\":\"stop\"}]");
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		SpanData agent = SpanTree.of(spans).span("invoke_agent researcher");
		assertThat(chat.getEndEpochNanos()).as("ends before the turn that read it").isLessThanOrEqualTo(agent.getEndEpochNanos());
		assertThat(SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.isEqualTo(FakeOpenAiEndpoint.USAGE.promptTokens());
		assertOneTraceparentNamingTheHttpChildOf(chat, spans);
	}

	@Test
	void streamClosedAfterTheFirstChunkEndsTheSpanWithoutAnError() {
		assertThat(ask(Researcher::askStreamedFirstChunkOnly)).isEqualTo(FakeOpenAiEndpoint.RESPONSE_ID);

		SpanData chat = SpanTree.of(awaitSpans(4)).span("chat gpt-4o-mini");
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSE_ID)
			.doesNotContainKey(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS);
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
	}

	@Test
	void asyncCallEndsItsSpanBeforeTheCallerSeesTheResultAndKeepsTheTrace() {
		assertThat(ask(Researcher::askAsync)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(4);
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent researcher [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSE_ID)
			.containsEntry(SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "researcher");
		// the turn and conversation end after the call returned: its usage is in the roll-up
		assertThat(SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.isEqualTo(FakeOpenAiEndpoint.USAGE.promptTokens());
		assertOneTraceparentNamingTheHttpChildOf(chat, spans);
	}

	@Test
	void asyncCallCancelledInFlightEndsItsSpanAsAnError() {
		endpoint.holdAnswers();
		CompletableFuture<ChatCompletion> pending = this.client.async()
			.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage(QUESTION).build());
		awaitRequests(1);

		assertThat(pending.cancel(true)).isTrue();
		endpoint.releaseAnswers();
		List<SpanData> spans = awaitSpans(2);
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(chat.getAttributes().get(ErrorAttributes.ERROR_TYPE))
			.isEqualTo(CancellationException.class.getName());
	}

	@Test
	void asyncStreamedCallEndsWithItsStream() {
		assertThat(ask(Researcher::askAsyncStreamed)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(4);
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getParentSpanId()).isEqualTo(SpanTree.of(spans).span("invoke_agent researcher").getSpanId());
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_STREAM, true)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens());
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
		assertOneTraceparentNamingTheHttpChildOf(chat, spans);
	}

	@Test
	void responsesApiCallIsAChatSpanThatReadsTheOutputItems() {
		assertThat(ask(Researcher::askResponses)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(4);
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "chat")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSES_ID)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.cachedTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.reasoningTokens())
			.containsEntry(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS,
					"[{\"type\":\"text\",\"content\":\"" + ResearchApplication.SYSTEM_PROMPT + "\"}]")
			.containsEntry(Ag2Attributes.GEN_AI_INPUT_MESSAGES,
					"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + QUESTION + "\"}]}]")
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
					+ "\"content\":\"" + ANSWER + "\"}],\"finish_reason\":\"stop\"}]");
		assertThat(endpoint.requests()).singleElement().satisfies((request) -> assertThat(request.path()).isEqualTo("/v1/responses"));
		assertOneTraceparentNamingTheHttpChildOf(chat, spans);
	}

	@Test
	void streamedResponsesApiCallReadsTheCompletedEvent() {
		assertThat(ask(Researcher::askResponsesStreamed)).isEqualTo(ANSWER);

		SpanData chat = SpanTree.of(awaitSpans(4)).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_STREAM, true)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSES_ID)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens());
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
	}

	@Test
	void asyncResponsesApiCallKeepsTheTrace() {
		assertThat(ask(Researcher::askAsyncResponses)).isEqualTo(FakeOpenAiEndpoint.RESPONSES_ID);

		List<SpanData> spans = awaitSpans(4);
		assertOneTraceparentNamingTheHttpChildOf(SpanTree.of(spans).span("chat gpt-4o-mini"), spans);
	}

	@Test
	void toolLoopIsTwoChatSpansAndAToolSpanWhoseCallIdIsNotAnArgument() {
		assertThat(ask(Researcher::askWithTools)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(7);
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent researcher [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				    execute_tool get_weather [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		List<SpanData> chats = spans.stream().filter((span) -> span.getName().equals("chat gpt-4o-mini"))
			.sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
		assertThat(chats.get(0).getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("tool_calls"))
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":"
					+ "\"tool_call\",\"id\":\"" + FakeOpenAiEndpoint.TOOL_CALL_ID + "\",\"name\":\"get_weather\","
					+ "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}],\"finish_reason\":\"tool_calls\"}]");
		SpanData tool = SpanTree.of(spans).span("execute_tool get_weather");
		assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, FakeOpenAiEndpoint.TOOL_CALL_ID)
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, "{\"city\":\"Paris\"}")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, "Sunny in Paris")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "researcher");
		assertThat(chats.get(1).getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES))
			.isEqualTo("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + QUESTION + "\"}]},"
					+ "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"" + FakeOpenAiEndpoint.TOOL_CALL_ID
					+ "\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}]},"
					+ "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\""
					+ FakeOpenAiEndpoint.TOOL_CALL_ID + "\",\"response\":\"Sunny in Paris\"}]}]");
		assertThat(SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.isEqualTo(2 * FakeOpenAiEndpoint.USAGE.promptTokens());
	}

	@Test
	void refusedCallMarksTheSpanErrorAndRethrowsTheSdksException() {
		assertThatThrownBy(() -> ask(Researcher::askRefused)).isInstanceOf(BadRequestException.class);

		List<SpanData> spans = awaitSpans(4);
		SpanData chat = SpanTree.of(spans).span("chat " + FakeOpenAiEndpoint.FAILING_MODEL);
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(chat.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo(BadRequestException.class.getName());
		SpanData post = SpanTree.of(spans).span("POST");
		assertThat(post.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(400L);
	}

	@Test
	void clientBuiltByHandIsTracedWithOneCall() {
		OpenAIClient handMade = this.ag2OpenAiClients
			.wrap(OpenAIOkHttpClient.builder().baseUrl(endpoint.baseUrl()).apiKey("test-key").build());
		try {
			String answer = this.chats.run((researcher) -> handMade.chat()
				.completions()
				.create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(QUESTION).build())
				.choices()
				.get(0)
				.message()
				.content()
				.orElse(""));
			assertThat(answer).isEqualTo(ANSWER);
			List<SpanData> spans = awaitSpans(3);
			assertThat(SpanTree.of(spans).render()).isEqualTo("""
					conversation user_proxy [INTERNAL]
					  chat gpt-4o-mini [CLIENT]
					    POST [CLIENT]
					""");
			assertOneTraceparentNamingTheHttpChildOf(SpanTree.of(spans).span("chat gpt-4o-mini"), spans);
			assertThat(this.ag2OpenAiClients.wrap(handMade)).as("wrapping twice").isSameAs(handMade);
		}
		finally {
			handMade.close();
		}
	}

	@Test
	void llmClientMethodThatCallsTheClientBeanIsOneSpanWithTypedMessages() {
		assertThat(this.llmClientChats.ask(QUESTION)).isEqualTo(ANSWER);

		List<SpanData> spans = awaitSpans(4);
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_INPUT_MESSAGES,
					"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + QUESTION + "\"}]}]")
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
					+ "\"content\":\"" + ANSWER + "\"}],\"finish_reason\":\"stop\"}]")
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(SERVER_ADDRESS, "127.0.0.1");
		// usage counted once, though two instrumentations saw the call
		assertThat(SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.isEqualTo(FakeOpenAiEndpoint.USAGE.promptTokens());
		assertOneTraceparentNamingTheHttpChildOf(chat, spans);
	}

	@Test
	void llmClientMethodReturningTheSdksStreamEndsItsSpanWhenTheStreamIsExhausted() {
		OpenAiApplication.OpenAiChat chat = this.llmClientChat;
		String answer = this.chats.run((researcher) -> {
			StringBuilder text = new StringBuilder();
			try (var stream = chat.stream(Researcher.params(QUESTION)
				.streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
					.includeUsage(true)
					.build())
				.build())) {
				stream.stream().forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append)));
			}
			return text.toString();
		});

		assertThat(answer).isEqualTo(ANSWER);
		List<SpanData> spans = awaitSpans(3);
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  chat gpt-4o-mini [CLIENT]
				    POST [CLIENT]
				""");
		SpanData span = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(span.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_STREAM, true)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
					+ "\"content\":\"" + ANSWER + "\"}],\"finish_reason\":\"stop\"}]");
		assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
		assertThat(SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.isEqualTo(FakeOpenAiEndpoint.USAGE.promptTokens());
	}

	@Test
	void clientWhoseTransportCannotBeReplacedStillSendsTheChatSpanAsParent() {
		OpenAIClient sdkClient = OpenAIOkHttpClient.builder().baseUrl(endpoint.baseUrl()).apiKey("test-key").build();
		// a client of the application's that refuses withOptions: ag2 cannot put its transport under it
		OpenAIClient refusing = (OpenAIClient) java.lang.reflect.Proxy.newProxyInstance(
				OpenAIClient.class.getClassLoader(), new Class<?>[] { OpenAIClient.class }, (proxy, method, args) -> {
					if (method.getName().equals("withOptions")) {
						throw new UnsupportedOperationException("no options here");
					}
					return method.invoke(sdkClient, args);
				});
		OpenAIClient traced = this.ag2OpenAiClients.wrap(refusing);
		try {
			this.chats.run((researcher) -> traced.chat()
				.completions()
				.create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(QUESTION).build())
				.id());
			List<SpanData> spans = awaitSpans(2);
			assertThat(SpanTree.of(spans).render()).isEqualTo("""
					conversation user_proxy [INTERNAL]
					  chat gpt-4o-mini [CLIENT]
					""");
			SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
			assertThat(endpoint.requests()).singleElement()
				.satisfies((request) -> assertThat(request.headerValues("traceparent")).containsExactly("00-"
						+ chat.getTraceId() + "-" + chat.getSpanId() + "-" + chat.getSpanContext().getTraceFlags().asHex()));
		}
		finally {
			sdkClient.close();
		}
	}

	@Test
	void clientBeanIsTracedAndKeepsItsType() {
		assertThat(this.client).isInstanceOf(OpenAIClient.class);
		assertThat(ai.ag2.tracing.internal.openai.OpenAiClientTracing.isTraced(this.client)).isTrue();
		assertThat(ai.ag2.tracing.internal.openai.OpenAiClientTracing.isTraced(this.client.async())).isTrue();
		assertThat(ai.ag2.tracing.internal.openai.OpenAiClientTracing
			.isTraced(this.client.withOptions((options) -> options.maxRetries(0)))).isTrue();
	}

	/**
	 * The endpoint got one request for the span, with one {@code traceparent} line that names the
	 * span's HTTP child in the span's trace, the trace of the conversation.
	 */
	private static void assertOneTraceparentNamingTheHttpChildOf(SpanData chat, List<SpanData> spans) {
		SpanData post = spans.stream()
			.filter((span) -> span.getName().equals("POST") && span.getParentSpanId().equals(chat.getSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no HTTP child of " + chat.getName() + " in\n" + SpanTree.of(spans).render()));
		assertThat(post.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(post.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
		SpanData conversation = SpanTree.of(spans).span("conversation user_proxy");
		assertThat(chat.getTraceId()).isEqualTo(conversation.getTraceId());
		String expected = "00-" + chat.getTraceId() + "-" + post.getSpanId() + "-" + post.getSpanContext().getTraceFlags().asHex();
		assertThat(endpoint.requests()).filteredOn((request) -> request.headerValues("traceparent").contains(expected))
			.singleElement()
			.satisfies((request) -> assertThat(request.headerValues("traceparent")).containsExactly(expected));
	}

	private String ask(BiFunction<Researcher, String, String> turn) {
		return this.chats.run((researcher) -> turn.apply(researcher, QUESTION));
	}

	private static String conversationId(List<SpanData> spans) {
		String id = SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		assertThat(id).isNotBlank();
		return id;
	}

	private static void awaitRequests(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (endpoint.requests().size() < count && System.nanoTime() < deadline) {
			sleep(10);
		}
		assertThat(endpoint.requests()).hasSize(count);
	}

	private List<SpanData> awaitSpans(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		List<SpanData> finished = finishedSpans();
		while (finished.size() < count && System.nanoTime() < deadline) {
			sleep(10);
			finished = finishedSpans();
		}
		sleep(50);
		return finishedSpans();
	}

	private List<SpanData> finishedSpans() {
		flush();
		return this.spans.getFinishedSpanItems();
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
