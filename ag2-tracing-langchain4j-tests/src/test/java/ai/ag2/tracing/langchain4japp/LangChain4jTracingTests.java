package ai.ag2.tracing.langchain4japp;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.langchain4j.Ag2LangChain4j;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Request;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Usage;
import ai.ag2.tracing.test.SpanTree;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
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

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The starter beside LangChain4j 1.19 and its OpenAI module, no exclusions, against a fake OpenAI
 * endpoint on loopback: AiServices with a tool round trip (blocking and streamed), the model bean
 * called directly, a tool bean with LangChain4j's and ag2's {@code @Tool} on one method. Each
 * model call is one {@code chat} span and each tool call one {@code execute_tool} span, all under
 * the agent turn of one trace, with what LangChain4j's request and response say; the endpoint
 * receives each chat span's trace context. Content capture is off.
 */
@SpringBootTest(properties = { "management.tracing.sampling.probability=1.0",
		// Boot's OTLP exporters would push to localhost:4318, where nothing listens
		"management.otlp.metrics.export.enabled=false", "management.tracing.export.otlp.enabled=false" })
@Import(TracingTestSupport.InMemorySpans.class)
class LangChain4jTracingTests {

	private static final String QUESTION = "What is the weather in Paris?";

	private static final FakeOpenAiEndpoint endpoint = TracingTestSupport.startEndpoint();

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	private LangChain4jApplication.Chats chats;

	@Autowired
	private OpenAiChatModel openAiChatModel;

	@Autowired
	private Ag2LangChain4j ag2;

	@Autowired
	private LangChain4jApplication.AcmeChatModel acmeChatModel;

	@Autowired
	private OpenAiStreamingChatModel openAiStreamingChatModel;

	@Autowired
	private InMemorySpanExporter exporter;

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
		spans();
		this.exporter.reset();
		endpoint.reset();
	}

	@Test
	void aiServicesToolRoundTripIsOneTraceUnderTheAgentTurn() {
		String answer = this.chats.ask(QUESTION);

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent weather_agent [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				    execute_tool get_weather [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		assertThat(spans).extracting(SpanData::getTraceId).containsOnly(spans.get(0).getTraceId());
	}

	@Test
	void chatSpansCarryWhatLangChain4jsRequestAndResponseSay() {
		this.chats.ask(QUESTION);

		List<SpanData> spans = spans();
		String conversationId = conversationId(spans);
		List<SpanData> chatSpans = SpanTree.of(spans).all("chat gpt-4o-mini");
		assertThat(chatSpans).hasSize(2);
		assertChat(chatSpans.get(0), FakeOpenAiEndpoint.TOOL_CALL_RESPONSE_ID, "tool_calls",
				TracingTestSupport.TOOL_CALL_USAGE, "weather_agent", conversationId);
		assertChat(chatSpans.get(1), FakeOpenAiEndpoint.RESPONSE_ID, "stop", TracingTestSupport.ANSWER_USAGE,
				"weather_agent", conversationId);
		for (SpanData chat : chatSpans) {
			assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, 0.2)
				.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, 200L)
				.doesNotContainKey(Ag2Attributes.GEN_AI_REQUEST_STREAM)
				.doesNotContainKeys(Ag2Attributes.CONTENT_KEYS.toArray(AttributeKey[]::new));
		}
	}

	@Test
	void toolSpanCarriesTheCallIdOfTheModelsRequestAndAg2sDescription() {
		this.chats.ask(QUESTION);

		List<SpanData> spans = spans();
		SpanData tool = SpanTree.of(spans).span("execute_tool get_weather");
		assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "tool")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_TYPE, "function")
			// ag2's @Tool on the method adds its description to LangChain4j's span
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "Looks the weather up in the weather service")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, "call_1")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "weather_agent")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId(spans))
			.doesNotContainKeys(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, Ag2Attributes.GEN_AI_TOOL_CALL_RESULT);
		// the model's second request carries the tool's result under the same id
		assertThat(json(endpoint.requests().get(1)).path("messages").findValuesAsText("tool_call_id"))
			.containsExactly("call_1");
	}

	@Test
	void conversationUsageIsTheSumOfItsModelCalls() {
		this.chats.ask(QUESTION);

		SpanData conversation = SpanTree.of(spans()).span("conversation user_proxy");
		assertThat(conversation.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS,
					TracingTestSupport.TOOL_CALL_USAGE.promptTokens() + TracingTestSupport.ANSWER_USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS,
					TracingTestSupport.TOOL_CALL_USAGE.completionTokens() + TracingTestSupport.ANSWER_USAGE.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L);
	}

	@Test
	void endpointReceivesEachChatSpansTraceContext() {
		this.chats.ask(QUESTION);

		List<SpanData> spans = spans();
		List<Request> requests = endpoint.requests();
		List<SpanData> chatSpans = SpanTree.of(spans).all("chat gpt-4o-mini");
		assertThat(requests).hasSize(2);
		for (int i = 0; i < 2; i++) {
			SpanData http = SpanTree.of(spans).children(chatSpans.get(i)).get(0);
			assertThat(http.getName()).isEqualTo("POST");
			assertThat(http.getAttributes().asMap()).containsEntry(HttpAttributes.HTTP_REQUEST_METHOD, "POST")
				.containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
			assertThat(requests.get(i).headerValues("traceparent"))
				.containsExactly(traceparent(http));
		}
	}

	@Test
	void streamedToolRoundTripStaysUnderTheAgentTurn() {
		String answer = this.chats.askStreamed(QUESTION);

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent weather_agent [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				    execute_tool get_weather [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		assertThat(spans).extracting(SpanData::getTraceId).containsOnly(spans.get(0).getTraceId());
		String conversationId = conversationId(spans);
		List<SpanData> chatSpans = SpanTree.of(spans).all("chat gpt-4o-mini");
		assertChat(chatSpans.get(0), FakeOpenAiEndpoint.TOOL_CALL_RESPONSE_ID, "tool_calls",
				TracingTestSupport.TOOL_CALL_USAGE, "weather_agent", conversationId);
		assertChat(chatSpans.get(1), FakeOpenAiEndpoint.RESPONSE_ID, "stop", TracingTestSupport.ANSWER_USAGE,
				"weather_agent", conversationId);
		SpanData tool = SpanTree.of(spans).span("execute_tool get_weather");
		for (SpanData chat : chatSpans) {
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_STREAM)).isTrue();
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive()
				.isLessThanOrEqualTo((chat.getEndEpochNanos() - chat.getStartEpochNanos()) / 1e9);
		}
		// the first call ends at its complete response, before the tool runs
		assertThat(chatSpans.get(0).getEndEpochNanos()).isLessThanOrEqualTo(tool.getStartEpochNanos());
		assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, "call_1");
		SpanData conversation = SpanTree.of(spans).span("conversation user_proxy");
		assertThat(conversation.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS,
					TracingTestSupport.TOOL_CALL_USAGE.promptTokens() + TracingTestSupport.ANSWER_USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS,
					TracingTestSupport.TOOL_CALL_USAGE.completionTokens() + TracingTestSupport.ANSWER_USAGE.completionTokens());
		List<Request> requests = endpoint.requests();
		assertThat(requests).hasSize(2).allSatisfy((request) -> assertThat(json(request).path("stream").asBoolean()).isTrue());
		for (int i = 0; i < 2; i++) {
			SpanData http = SpanTree.of(spans).children(chatSpans.get(i)).get(0);
			assertThat(requests.get(i).headerValues("traceparent"))
				.containsExactly(traceparent(http));
		}
	}

	@Test
	void agentReturningATokenStreamEndsItsTurnWithTheStream() {
		String answer = this.chats.askThroughTheStream(QUESTION);

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent weather_agent [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				    execute_tool get_weather [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		SpanData agent = SpanTree.of(spans).span("invoke_agent weather_agent");
		SpanData lastChat = SpanTree.of(spans).all("chat gpt-4o-mini").get(1);
		assertThat(agent.getEndEpochNanos()).isGreaterThanOrEqualTo(lastChat.getEndEpochNanos());
	}

	@Test
	void modelBeanCalledWithTextReadsTheWholeResponse() {
		String answer = this.chats.chatText(QUESTION);

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent raw_agent [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		assertChat(SpanTree.of(spans).span("chat gpt-4o-mini"), FakeOpenAiEndpoint.RESPONSE_ID, "stop",
				TracingTestSupport.ANSWER_USAGE, "raw_agent", conversationId(spans));
	}

	@Test
	void modelBeanCalledWithARequestCarriesItsParameters() {
		ChatResponse response = this.chats.chatRequest(QUESTION);

		assertThat(response.aiMessage().text()).isEqualTo(TracingTestSupport.ANSWER);
		SpanData chat = SpanTree.of(spans()).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, 0.7)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_TOP_P, 0.9)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, 50L)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_STOP_SEQUENCES, List.of("END"))
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_SEED, 42L)
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini");
		assertThat(json(endpoint.requests().get(0)).path("seed").asInt()).isEqualTo(42);
	}

	@Test
	void modelBeanKeepsItsClassForInjection() {
		assertThat(AopUtils.isAopProxy(this.openAiChatModel)).isTrue();
		assertThat(this.openAiChatModel).isInstanceOf(OpenAiChatModel.class);
	}

	@Test
	void aiServicesFindTheToolBesideAg2sToolOnTheBeanItself() {
		String answer = this.chats.askPlain(QUESTION);

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		assertThat(json(endpoint.requests().get(0)).path("tools").findValuesAsText("name"))
			.containsExactly("get_weather");
		// AiServices runs the tool on the bean itself: the model calls are traced, the tool is not
		assertThat(SpanTree.of(spans()).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent weather_agent [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
	}

	@Test
	void toolsRunAtOnceOnAContextPropagatingExecutorStayUnderTheAgentTurn() {
		String answer = this.chats.askWithToolsAtOnce(QUESTION);

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		SpanData agent = SpanTree.of(spans).span("invoke_agent weather_agent");
		assertThat(SpanTree.of(spans).children(agent)).extracting(SpanData::getName)
			.containsExactlyInAnyOrder("chat gpt-4o-mini", "execute_tool get_weather", "execute_tool get_population",
					"chat gpt-4o-mini");
		assertThat(List.of(SpanTree.of(spans).span("execute_tool get_weather"),
				SpanTree.of(spans).span("execute_tool get_population")))
			.extracting((tool) -> tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ID))
			.containsExactlyInAnyOrder("call_1", "call_2");
		assertThat(spans).extracting(SpanData::getTraceId).containsOnly(agent.getTraceId());
	}

	@Test
	void failingEndpointMarksTheChatSpanAndTheExceptionReachesTheCaller() {
		endpoint.failWith(500);

		assertThatExceptionOfType(InternalServerException.class).isThrownBy(() -> this.chats.chatText(QUESTION));
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent raw_agent [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(chat.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo(InternalServerException.class.getName());
		assertThat(chat.getEvents()).extracting((event) -> event.getName()).containsExactly("exception");
		SpanData http = SpanTree.of(spans).span("POST");
		assertThat(http.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(http.getAttributes().asMap()).containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 500L)
			.containsEntry(ErrorAttributes.ERROR_TYPE, "500");
		assertThat(SpanTree.of(spans).span("invoke_agent raw_agent").getStatus().getStatusCode())
			.isEqualTo(StatusCode.ERROR);
	}

	@Test
	void failingToolMarksItsSpanAndTheModelHearsOfTheError() {
		String answer = this.chats.askAlerts("Any weather alerts in Paris?");

		assertThat(answer).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		SpanData tool = SpanTree.of(spans).span("execute_tool get_alerts");
		assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(tool.getAttributes().asMap())
			.containsEntry(ErrorAttributes.ERROR_TYPE, IllegalStateException.class.getName())
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "Weather alerts of a city");
		assertThat(tool.getEvents()).extracting((event) -> event.getName()).contains("exception");
		assertThat(endpoint.requests().get(1).body()).contains("The alert service is down");
	}

	@Test
	void modelBuiltByHandIsTracedThroughInstrument() {
		OpenAiChatModel model = this.ag2.instrument(OpenAiChatModel.builder()
			.baseUrl(endpoint.baseUrl())
			.apiKey("test-key")
			.modelName("gpt-4.1-nano")
			.httpClientBuilder(this.ag2.httpClientBuilder())
			.build());

		assertThat(model.chat(QUESTION)).isEqualTo(TracingTestSupport.ANSWER);
		assertThat(this.ag2.instrument(model)).isSameAs(model);
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				chat gpt-4.1-nano [CLIENT]
				  POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(spans).span("chat gpt-4.1-nano");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, TracingTestSupport.ANSWER_USAGE.promptTokens());
	}

	@Test
	void streamingModelBeanCalledWithTextEndsItsSpanAtTheCompleteResponse() throws Exception {
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		List<String> partials = new CopyOnWriteArrayList<>();
		this.openAiStreamingChatModel.chat(QUESTION, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partialResponse) {
				partials.add(partialResponse);
			}

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
				done.complete(completeResponse);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

		});

		assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(TracingTestSupport.ANSWER);
		assertThat(String.join("", partials)).isEqualTo(TracingTestSupport.ANSWER);
		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				chat gpt-4o-mini [CLIENT]
				  POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_REQUEST_STREAM, true)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, TracingTestSupport.ANSWER_USAGE.promptTokens());
	}

	@Test
	void cancelledStreamEndsItsSpan() throws Exception {
		CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
		this.openAiStreamingChatModel.chat(QUESTION, new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
				context.streamingHandle().cancel();
				cancelled.complete(context.streamingHandle().isCancelled());
			}

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
			}

			@Override
			public void onError(Throwable error) {
				cancelled.completeExceptionally(error);
			}

		});

		assertThat(cancelled.get(10, TimeUnit.SECONDS)).isTrue();
		List<SpanData> spans = TracingTestSupport.awaitSpans(this.tracerProvider, this.exporter,
				TracingTestSupport.hasSpan("chat gpt-4o-mini"));
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
	}

	@Test
	void traceContextReplacesOneTheRequestAlreadyHad() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(endpoint.baseUrl())
			.apiKey("test-key")
			.modelName("gpt-4o-mini")
			.customHeaders(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
			.httpClientBuilder(this.ag2.httpClientBuilder())
			.build();

		this.ag2.instrument(model).chat(QUESTION);

		SpanData http = SpanTree.of(spans()).span("POST");
		assertThat(endpoint.requests().get(0).headerValues("traceparent")).containsExactly(traceparent(http));
	}

	@Test
	void outsideATraceNoTraceContextIsSent() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(endpoint.baseUrl())
			.apiKey("test-key")
			.modelName("gpt-4o-mini")
			.httpClientBuilder(this.ag2.httpClientBuilder())
			.build();

		assertThat(model.chat(QUESTION)).isEqualTo(TracingTestSupport.ANSWER);
		assertThat(endpoint.requests().get(0).header("traceparent")).isNull();
	}

	@Test
	void llmClientOnAModelOfTheUsersIsOneSpanWithWhatTheResponseSays() {
		assertThat(this.acmeChatModel.chat("hi")).isEqualTo("acme says hi");

		List<SpanData> spans = spans();
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				chat acme-large [CLIENT]
				""");
		// ag2's @LlmClient span stands; LangChain4j's reading of the call adds to it
		assertThat(SpanTree.of(spans).span("chat acme-large").getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "acme")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "acme-large")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, "acme-large-2")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, "acme-1")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 3L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 4L);
	}

	/** The body of a request the endpoint received, as a JSON tree. */
	private static JsonNode json(Request request) {
		try {
			return JSON.readTree(request.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void assertChat(SpanData chat, String responseId, String finishReason, Usage usage, String agent,
			String conversationId) {
		assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(chat.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		Map<AttributeKey<?>, Object> attributes = chat.getAttributes().asMap();
		assertThat(attributes).contains(entry(Ag2Attributes.AG2_SPAN_TYPE, "llm"),
				entry(Ag2Attributes.GEN_AI_OPERATION_NAME, "chat"), entry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai"),
				entry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini"),
				entry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL),
				entry(Ag2Attributes.GEN_AI_RESPONSE_ID, responseId),
				entry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of(finishReason)),
				entry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, usage.promptTokens()),
				entry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, usage.completionTokens()),
				entry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedTokens()),
				entry(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens()),
				entry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1"),
				entry(ServerAttributes.SERVER_PORT, (long) endpoint.port()), entry(Ag2Attributes.GEN_AI_AGENT_NAME, agent),
				entry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId));
	}

	private static String traceparent(SpanData parent) {
		return "00-" + parent.getTraceId() + "-" + parent.getSpanId() + "-"
				+ parent.getSpanContext().getTraceFlags().asHex();
	}

	private static String conversationId(List<SpanData> spans) {
		String id = SpanTree.of(spans).span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		assertThat(id).isNotBlank();
		return id;
	}

	// Every request's client span ends when its response or stream is done, which may be just after the call returns
	private List<SpanData> spans() {
		return TracingTestSupport.awaitSpans(this.tracerProvider, this.exporter,
				(spans) -> SpanTree.of(spans).all("POST").size() >= endpoint.tracedRequests());
	}

}
