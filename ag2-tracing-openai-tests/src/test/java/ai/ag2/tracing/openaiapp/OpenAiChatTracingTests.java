package ai.ag2.tracing.openaiapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
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

/**
 * The starter beside the OpenAI Java SDK, no exclusions: chats through {@code OpenAIOkHttpClient}
 * (the SDK's OkHttp 4 transport) reach the endpoint and come back (no OkHttp 4/5 clash). The
 * user's {@code @LlmClient} method calls the SDK client bean, which ag2 traces too: the call is
 * one {@code chat} span (the method's; the SDK call adds to it), and the request carries its
 * HTTP child as {@code traceparent}.
 */
@SpringBootTest(properties = { "app.openai.api-key=test-key", "management.tracing.sampling.probability=1.0",
		// Boot's OTLP meter registry would push to localhost:4318, where nothing listens
		"management.otlp.metrics.export.enabled=false" })
class OpenAiChatTracingTests {

	private static final String ANSWER = "Paris is the capital of France.";

	private static final String QUESTION = "What is the capital of France?";

	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint.answering(ANSWER);

	@Autowired
	private OpenAiApplication.Chats chats;

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
	void sdkCallReturnsTheEndpointsAnswer() {
		String answer = this.chats.ask(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		assertThat(endpoint.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
			assertThat(request.streaming()).isFalse();
			assertThat(request.body()).contains("\"model\":\"gpt-4o-mini\"").contains(QUESTION);
		});
		List<SpanData> spans = finishedSpans();
		SpanData post = SpanTree.of(spans).span("POST");
		assertThat(post.getParentSpanId()).isEqualTo(SpanTree.of(spans).span("chat gpt-4o-mini").getSpanId());
		assertThat(post.getTraceId()).isEqualTo(SpanTree.of(spans).span("conversation user_proxy").getTraceId());
		assertThat(endpoint.requests().get(0).headerValues("traceparent")).containsExactly("00-" + post.getTraceId() + "-"
				+ post.getSpanId() + "-" + post.getSpanContext().getTraceFlags().asHex());
	}

	@Test
	void sdkCallIsAnLlmSpanUnderTheAgentTurnOfTheConversation() {
		this.chats.ask(QUESTION);

		assertTracedChat(finishedSpans());
	}

	@Test
	void streamedSdkCallReturnsTheAnswerAssembledFromTheEndpointsChunks() {
		String answer = this.chats.askStreamed(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		assertThat(endpoint.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.streaming()).isTrue();
			assertThat(request.body()).contains("\"include_usage\":true");
		});
		// The method accumulates the chunks and returns one ChatCompletion, so the span is as unstreamed
		assertTracedChat(finishedSpans());
	}

	private void assertTracedChat(List<SpanData> spans) {
		// one chat span: the SDK call inside the @LlmClient method adds to the method's span
		assertThat(SpanTree.of(spans).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				""");
		SpanData conversation = SpanTree.of(spans).span("conversation user_proxy");
		String conversationId = conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		assertThat(conversationId).isNotBlank();
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "user_proxy")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens());
		assertThat(SpanTree.of(spans).span("invoke_agent assistant").getAttributes().asMap())
			.containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, "Answers questions through the OpenAI Java SDK")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId);
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini");
		assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(chat.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "chat")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, FakeOpenAiEndpoint.RESPONSE_ID)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.promptTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.completionTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, FakeOpenAiEndpoint.USAGE.cachedTokens())
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, FakeOpenAiEndpoint.USAGE.reasoningTokens())
			.containsEntry(io.opentelemetry.semconv.ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId);
	}

	private List<SpanData> finishedSpans() {
		flush();
		return this.spans.getFinishedSpanItems();
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
