package ai.ag2.tracing.springaiapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import io.opentelemetry.api.common.AttributeKey;
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
 * The starter beside Spring AI's OpenAI starter, no exclusions: chats through {@code ChatClient}
 * reach the endpoint over Spring AI's OkHttp 4 client and come back (no OkHttp 4/5 clash), traced
 * under the agent's turn. The trees asserted here are today's: Spring AI's own observations under
 * ag2's spans, not yet adopted by ag2.
 */
@SpringBootTest(properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini",
		"management.tracing.sampling.probability=1.0",
		// Boot's OTLP meter registry would push to localhost:4318, where nothing listens
		"management.otlp.metrics.export.enabled=false" })
class SpringAiChatTracingTests {

	private static final String ANSWER = "Paris is the capital of France.";

	private static final String QUESTION = "What is the capital of France?";

	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint.answering(ANSWER);

	@Autowired
	private SpringAiApplication.Chats chats;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private SdkTracerProvider tracerProvider;

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
		flush();
		this.spans.reset();
		endpoint.reset();
	}

	@Test
	void chatClientCallReturnsTheEndpointsAnswer() {
		String answer = this.chats.ask(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		assertThat(endpoint.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
			assertThat(request.streaming()).isFalse();
			assertThat(request.body()).contains("\"model\":\"gpt-4o-mini\"").contains(QUESTION);
		});
	}

	@Test
	void chatClientCallIsTracedUnderTheAgentTurnOfTheConversation() {
		this.chats.ask(QUESTION);
		List<SpanData> spans = conversationTrace();

		assertThat(SpanTrees.render(spans)).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				    spring_ai chat_client [INTERNAL]
				      tool _calling  [INTERNAL]
				        call [INTERNAL]
				          chat gpt-4o-mini [INTERNAL]
				            POST [CLIENT]
				""");
		SpanData conversation = SpanTrees.named(spans, "conversation user_proxy");
		String conversationId = conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		assertThat(conversationId).isNotBlank();
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "user_proxy")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L);
		assertThat(SpanTrees.named(spans, "invoke_agent assistant").getAttributes().asMap())
			.containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, "Answers questions through Spring AI")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId);
		// Spring AI's own chat observation as it comes today, through Micrometer: INTERNAL, gen_ai.system,
		// and every attribute a string (token counts, finish reasons in upper case), none typed as semconv says
		assertThat(SpanTrees.named(spans, "chat gpt-4o-mini").getAttributes().asMap())
			.containsEntry(tag("gen_ai.operation.name"), "chat")
			.containsEntry(tag("gen_ai.system"), "openai")
			.containsEntry(tag("gen_ai.request.model"), "gpt-4o-mini")
			.containsEntry(tag("gen_ai.response.model"), FakeOpenAiEndpoint.RESPONSE_MODEL)
			.containsEntry(tag("gen_ai.response.id"), FakeOpenAiEndpoint.RESPONSE_ID)
			.containsEntry(tag("gen_ai.response.finish_reasons"), "[\"STOP\"]")
			.containsEntry(tag("gen_ai.usage.input_tokens"), String.valueOf(FakeOpenAiEndpoint.PROMPT_TOKENS))
			.containsEntry(tag("gen_ai.usage.output_tokens"), String.valueOf(FakeOpenAiEndpoint.COMPLETION_TOKENS));
		SpanData http = SpanTrees.named(spans, "POST");
		assertThat(endpoint.requests()).singleElement()
			.satisfies((request) -> assertThat(request.header("traceparent"))
				.startsWith("00-" + http.getTraceId() + "-" + http.getSpanId() + "-"));
	}

	@Test
	void streamedChatClientCallReturnsTheAnswerAssembledFromTheEndpointsChunks() {
		String answer = this.chats.askStreamed(QUESTION);

		assertThat(answer).isEqualTo(ANSWER);
		assertThat(endpoint.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.streaming()).isTrue();
			assertThat(request.header("Accept")).isEqualTo("text/event-stream");
		});
		// Only ag2's part of the tree: Spring AI's streamed observations end on other threads
		List<SpanData> ag2Spans = conversationTrace().stream()
			.filter((span) -> span.getInstrumentationScopeInfo().getName().equals(Ag2Attributes.INSTRUMENTATION_SCOPE))
			.toList();
		assertThat(SpanTrees.render(ag2Spans)).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent assistant [INTERNAL]
				""");
	}

	private static AttributeKey<String> tag(String key) {
		return AttributeKey.stringKey(key);
	}

	// The conversation's trace only: a span a streamed call ends late must not leak into another test
	private List<SpanData> conversationTrace() {
		flush();
		List<SpanData> spans = this.spans.getFinishedSpanItems();
		String traceId = SpanTrees.named(spans, "conversation user_proxy").getTraceId();
		return spans.stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
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
