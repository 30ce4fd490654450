package ai.ag2.tracing.springaiapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.console.TraceTreeRenderer;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Usage;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter beside Spring AI's OpenAI starter, no exclusions: chats through {@code ChatClient}
 * with a Spring AI tool reach the fake endpoint over Spring AI's OkHttp 4 client and come back,
 * and each model call and tool call is one span, Spring AI's own observation adopted by ag2, in one
 * trace with the requests the endpoint received.
 */
@SpringBootTest(properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini",
		"management.tracing.sampling.probability=1.0",
		// Boot's OTLP meter registry would push to localhost:4318, where nothing listens
		"management.otlp.metrics.export.enabled=false" })
class SpringAiChatTracingTests {

	static final String ANSWER = "It is sunny in Paris, 21 C.";

	static final String QUESTION = "What is the weather in Paris?";

	static final String CONVERSATION = "conversation user_proxy";

	static final String CHAT = "chat gpt-4o-mini";

	static final String TOOL = "execute_tool get_weather";

	/** The tool the application offers, and the endpoint calls. */
	static final String TOOL_NAME = "get_weather";

	/** Usage of the completion that asks for the tool. */
	static final Usage TOOL_CALL_USAGE = new Usage(83, 17, 64L, null);

	/** Usage of the completion with the text answer. */
	static final Usage ANSWER_USAGE = new Usage(121, 23, 80L, null);

	private static final FakeOpenAiEndpoint endpoint = startEndpoint();

	@Autowired
	private SpringAiApplication.Chats chats;

	@Autowired
	private SpringAiApplication.WeatherTools tools;

	@Autowired
	private SpringAiApplication.RecordingListener listener;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private SdkTracerProvider tracerProvider;

	/** The fake endpoint as these tests script it: {@link #ANSWER}, each kind of completion with usage of its own. */
	static FakeOpenAiEndpoint startEndpoint() {
		return FakeOpenAiEndpoint.builder(ANSWER).toolCallUsage(TOOL_CALL_USAGE).answerUsage(ANSWER_USAGE).start();
	}

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", endpoint::baseUrl);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@BeforeEach
	void forgetEarlierCalls() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.spans.reset();
		this.listener.reset();
		endpoint.reset();
	}

	@Test
	void chatClientCallWithAToolIsOneSpanPerModelCallAndPerToolCall() {
		String answer = this.chats.ask(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		List<SpanData> trace = SpanTree.awaitTrace(this.tracerProvider, this.spans, CONVERSATION, 11).spans();
		assertThat(SpanTree.of(trace).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				    spring_ai chat_client [INTERNAL]
				      tool _calling  [INTERNAL]
				        call [INTERNAL]
				          chat gpt-4o-mini [CLIENT]
				            POST [CLIENT]
				        execute_tool get_weather [INTERNAL]
				        call [INTERNAL]
				          chat gpt-4o-mini [CLIENT]
				            POST [CLIENT]
				""");
		String conversationId = SpanTree.of(trace).span(CONVERSATION)
			.getAttributes()
			.get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		List<SpanData> chatSpans = SpanTree.of(trace).all(CHAT);
		assertChatSpan(chatSpans.get(0), conversationId, FakeOpenAiEndpoint.TOOL_CALL_RESPONSE_ID, "tool_calls",
				TOOL_CALL_USAGE);
		assertChatSpan(chatSpans.get(1), conversationId, FakeOpenAiEndpoint.RESPONSE_ID, "stop",
				ANSWER_USAGE);
		chatSpans.forEach((chat) -> assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_STREAM)).isNull());
		assertToolSpan(trace, conversationId);
		assertFrameworkSpansCarryTheConversation(trace, conversationId);
		assertConversationRollUp(trace);
		assertEachRequestCarriesTheTraceOfItsModelCall(trace);
		// Spring AI found its tool on the bean ag2 proxies, and the model got the tool's result
		assertThat(AopUtils.isAopProxy(this.tools)).isTrue();
		assertThat(endpoint.requests().get(1).body()).contains("Sunny, 21 C in Paris");
	}

	@Test
	void streamedChatClientCallWithAToolIsOneTraceDownToTheEndpoint() {
		String answer = this.chats.askStreamed(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		List<SpanData> trace = SpanTree.awaitTrace(this.tracerProvider, this.spans, CONVERSATION, 11).spans();
		assertThat(SpanTree.of(trace).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				    spring_ai chat_client [INTERNAL]
				      tool _calling  [INTERNAL]
				        stream [INTERNAL]
				          chat gpt-4o-mini [CLIENT]
				            POST [CLIENT]
				        execute_tool get_weather [INTERNAL]
				        stream [INTERNAL]
				          chat gpt-4o-mini [CLIENT]
				            POST [CLIENT]
				""");
		String conversationId = SpanTree.of(trace).span(CONVERSATION)
			.getAttributes()
			.get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		List<SpanData> chatSpans = SpanTree.of(trace).all(CHAT);
		assertChatSpan(chatSpans.get(0), conversationId, FakeOpenAiEndpoint.TOOL_CALL_RESPONSE_ID, "tool_calls",
				TOOL_CALL_USAGE);
		assertChatSpan(chatSpans.get(1), conversationId, FakeOpenAiEndpoint.RESPONSE_ID, "stop",
				ANSWER_USAGE);
		for (SpanData chat : chatSpans) {
			Attributes attributes = chat.getAttributes();
			assertThat(attributes.get(Ag2Attributes.GEN_AI_REQUEST_STREAM)).isTrue();
			Double firstChunk = attributes.get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
			assertThat(firstChunk).isNotNull().isPositive();
			assertThat(firstChunk * 1e9).isLessThanOrEqualTo(chat.getEndEpochNanos() - chat.getStartEpochNanos());
		}
		assertToolSpan(trace, conversationId);
		assertFrameworkSpansCarryTheConversation(trace, conversationId);
		assertConversationRollUp(trace);
		assertEachRequestCarriesTheTraceOfItsModelCall(trace);
		assertThat(endpoint.requests()).allSatisfy((request) -> {
			assertThat(request.streaming()).isTrue();
			assertThat(request.headers()).doesNotContainKey("x-ag2-stream-call");
		});
	}

	@Test
	void llmClientAroundSpringAiModelCallsIsTheOneLlmSpanAndSumsTheirUsage() {
		String answer = this.chats.askThroughModelClient(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		List<SpanData> trace = SpanTree.awaitTrace(this.tracerProvider, this.spans, CONVERSATION, 10).spans();
		assertThat(SpanTree.of(trace).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      spring_ai chat_client [INTERNAL]
				        tool _calling  [INTERNAL]
				          call [INTERNAL]
				            POST [CLIENT]
				          execute_tool get_weather [INTERNAL]
				          call [INTERNAL]
				            POST [CLIENT]
				""");
		SpanData chat = SpanTree.of(trace).span(CHAT);
		assertThat(chat.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		Usage first = TOOL_CALL_USAGE;
		Usage second = ANSWER_USAGE;
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSE_ID)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, first.promptTokens() + second.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, first.completionTokens() + second.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, first.cachedTokens() + second.cachedTokens())
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) endpoint.port());
		assertConversationRollUp(trace);
		List<SpanData> posts = SpanTree.of(trace).all("POST");
		assertThat(endpoint.requests()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			SpanData post = posts.get(i);
			assertThat(endpoint.requests().get(i).headerValues("traceparent")).singleElement()
				.satisfies((traceparent) -> assertThat(traceparent)
					.startsWith("00-" + post.getTraceId() + "-" + post.getSpanId() + "-"));
		}
	}

	@Test
	void listenersHearOfAdoptedModelAndToolCalls() {
		this.chats.ask(QUESTION);
		SpanTree.awaitTrace(this.tracerProvider, this.spans, CONVERSATION, 11).spans();

		List<Ag2Operation> llmCalls = this.listener.ended()
			.stream()
			.filter((operation) -> operation.type() == Ag2SpanType.LLM)
			.toList();
		assertThat(llmCalls).hasSize(2).allSatisfy((operation) -> {
			assertThat(operation.spanName()).isEqualTo(CHAT);
			assertThat(operation.agentName()).isEqualTo("assistant");
			assertThat(operation.conversationId()).isNotBlank();
			assertThat(operation.llmCall().getProviderName()).isEqualTo("openai");
		});
		assertThat(llmCalls).extracting((operation) -> operation.llmCall().getInputTokens())
			.containsExactly(TOOL_CALL_USAGE.promptTokens(),
					ANSWER_USAGE.promptTokens());
		// the adopted tool span is one operation; ag2's @Tool on the same method merged into it
		assertThat(this.listener.ended()).filteredOn((operation) -> operation.type() == Ag2SpanType.TOOL)
			.singleElement()
			.satisfies((operation) -> assertThat(operation.toolName()).isEqualTo(TOOL_NAME));
	}

	@Test
	void consoleShowsAdoptedModelCallsLikeAg2sOwn() {
		this.chats.ask(QUESTION);
		List<SpanData> trace = SpanTree.awaitTrace(this.tracerProvider, this.spans, CONVERSATION, 11).spans();

		String tree = new TraceTreeRenderer().renderComplete(SpanTree.of(trace).span(CONVERSATION), trace);
		Usage first = TOOL_CALL_USAGE;
		Usage second = ANSWER_USAGE;
		long total = first.promptTokens() + first.completionTokens() + second.promptTokens()
				+ second.completionTokens();
		assertThat(tree).contains("1 turn, " + total + " tokens)")
			.contains(CHAT + "  (")
			.contains("in " + first.promptTokens() + ", out " + first.completionTokens() + ", tool_calls)")
			.contains("in " + second.promptTokens() + ", out " + second.completionTokens() + ", stop)");
	}

	private static void assertChatSpan(SpanData chat, String conversationId, String responseId, String finishReason,
			Usage usage) {
		assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
		Attributes attributes = chat.getAttributes();
		assertThat(attributes.asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "chat")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, responseId)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of(finishReason))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, usage.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, usage.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_TOTAL_TOKENS, usage.promptTokens() + usage.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId)
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) endpoint.port())
			// Spring AI's own, kept as it writes them
			.containsEntry(AttributeKey.stringKey("gen_ai.system"), "openai");
		// no second, string-typed copy of what ag2 writes typed (Micrometer writes "83", "[\"STOP\"]")
		for (String key : List.of("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
				"gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.total_tokens", "gen_ai.response.finish_reasons",
				"gen_ai.request.stream")) {
			assertThat(attributes.get(AttributeKey.stringKey(key))).as(key).isNull();
		}
	}

	private static void assertToolSpan(List<SpanData> trace, String conversationId) {
		SpanData tool = SpanTree.of(trace).span(TOOL);
		assertThat(SpanTree.of(trace).parentOf(tool).getName()).isEqualTo("tool _calling ");
		assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "tool")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, TOOL_NAME)
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_TYPE, "function")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "Current weather of a city")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, FakeOpenAiEndpoint.TOOL_CALL_ID)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId)
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
			.containsEntry(AttributeKey.stringKey("spring.ai.tool.call.id"), FakeOpenAiEndpoint.TOOL_CALL_ID);
		// capture is off: no arguments or result
		assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS)).isNull();
		assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).isNull();
	}

	private static void assertFrameworkSpansCarryTheConversation(List<SpanData> trace, String conversationId) {
		List<SpanData> framework = SpanTree.of(trace).matching((span) -> span.getAttributes().get(AttributeKey.stringKey("spring.ai.kind")) != null
						&& !span.getName().equals(TOOL));
		assertThat(framework).extracting(SpanData::getName).contains("spring_ai chat_client", "tool _calling ");
		assertThat(framework).allSatisfy((span) -> {
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE)).isNull();
			assertThat(span.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId)
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant");
		});
	}

	private static void assertConversationRollUp(List<SpanData> trace) {
		Usage first = TOOL_CALL_USAGE;
		Usage second = ANSWER_USAGE;
		assertThat(SpanTree.of(trace).span(CONVERSATION).getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, first.promptTokens() + second.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS,
					first.completionTokens() + second.completionTokens());
	}

	// One traceparent per request: the trace of the conversation, the model call's HTTP span as parent
	private static void assertEachRequestCarriesTheTraceOfItsModelCall(List<SpanData> trace) {
		List<SpanData> chatSpans = SpanTree.of(trace).all(CHAT);
		List<FakeOpenAiEndpoint.Request> requests = endpoint.requests();
		assertThat(requests).hasSize(chatSpans.size());
		for (int i = 0; i < requests.size(); i++) {
			SpanData chat = chatSpans.get(i);
			SpanData post = SpanTree.of(trace).all("POST")
				.stream()
				.filter((span) -> span.getParentSpanId().equals(chat.getSpanId()))
				.findFirst()
				.orElseThrow();
			assertThat(requests.get(i).headerValues("traceparent")).singleElement()
				.satisfies((traceparent) -> assertThat(traceparent)
					.startsWith("00-" + chat.getTraceId() + "-" + post.getSpanId() + "-"));
			assertThat(post.getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID,
						chat.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant");
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
