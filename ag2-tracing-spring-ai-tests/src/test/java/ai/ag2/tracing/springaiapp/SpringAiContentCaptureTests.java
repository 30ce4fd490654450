package ai.ag2.tracing.springaiapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ag2.tracing.capture-content=true}, Spring AI's adopted model calls carry their
 * system instructions, input and output messages in the GenAI parts schema (real roles, tool calls
 * and tool results as parts), and its tool calls their arguments and result; blocking or streamed.
 */
@SpringBootTest(properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini",
		"management.tracing.sampling.probability=1.0", "management.otlp.metrics.export.enabled=false",
		"ag2.tracing.capture-content=true" })
class SpringAiContentCaptureTests {

	private static final FakeOpenAiEndpoint endpoint = SpringAiChatTracingTests.startEndpoint();

	private static final JsonMapper json = JsonMapper.shared();

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
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.spans.reset();
		endpoint.reset();
	}

	@Test
	void modelCallsCarryTheirMessagesAndTheToolCallItsArgumentsAndResult() {
		this.chats.ask(SpringAiChatTracingTests.QUESTION);

		assertCapturedConversation(trace());
	}

	@Test
	void streamedModelCallsCarryTheirMessagesToo() {
		this.chats.askStreamed(SpringAiChatTracingTests.QUESTION);

		assertCapturedConversation(trace());
	}

	private List<SpanData> trace() {
		return SpanTree.awaitTrace(this.tracerProvider, this.spans, SpringAiChatTracingTests.CONVERSATION, 11).spans();
	}

	private static void assertCapturedConversation(List<SpanData> trace) {
		List<SpanData> chats = SpanTree.of(trace).all(SpringAiChatTracingTests.CHAT);
		assertThat(chats).hasSize(2);
		for (SpanData chat : chats) {
			assertThat(read(chat, Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS.getKey()).toString())
				.isEqualTo("[{\"type\":\"text\",\"content\":\"" + SpringAiApplication.SYSTEM_PROMPT + "\"}]");
		}
		// first call: the question in, a call of the tool out
		JsonNode firstInput = read(chats.get(0), Ag2Attributes.GEN_AI_INPUT_MESSAGES.getKey());
		assertThat(firstInput.toString()).isEqualTo(
				"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + SpringAiChatTracingTests.QUESTION
						+ "\"}]}]");
		JsonNode firstOutput = read(chats.get(0), Ag2Attributes.GEN_AI_OUTPUT_MESSAGES.getKey());
		assertThat(firstOutput).hasSize(1);
		assertThat(firstOutput.get(0).get("role").asString()).isEqualTo("assistant");
		assertThat(firstOutput.get(0).get("finish_reason").asString()).isEqualTo("tool_calls");
		JsonNode toolCall = firstOutput.get(0).get("parts").get(0);
		assertThat(toolCall.get("type").asString()).isEqualTo("tool_call");
		assertThat(toolCall.get("id").asString()).isEqualTo(FakeOpenAiEndpoint.TOOL_CALL_ID);
		assertThat(toolCall.get("name").asString()).isEqualTo(SpringAiChatTracingTests.TOOL_NAME);
		// second call: the history with the tool's result in, the answer out
		JsonNode secondInput = read(chats.get(1), Ag2Attributes.GEN_AI_INPUT_MESSAGES.getKey());
		assertThat(secondInput).extracting((message) -> message.get("role").asString())
			.containsExactly("user", "assistant", "tool");
		JsonNode toolResult = secondInput.get(2).get("parts").get(0);
		assertThat(toolResult.get("type").asString()).isEqualTo("tool_call_response");
		assertThat(toolResult.get("id").asString()).isEqualTo(FakeOpenAiEndpoint.TOOL_CALL_ID);
		assertThat(toolResult.get("response").asString()).contains("Sunny, 21 C in Paris");
		assertThat(read(chats.get(1), Ag2Attributes.GEN_AI_OUTPUT_MESSAGES.getKey()).toString()).isEqualTo(
				"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + SpringAiChatTracingTests.ANSWER
						+ "\"}],\"finish_reason\":\"stop\"}]");
		SpanData tool = SpanTree.of(trace).span(SpringAiChatTracingTests.TOOL);
		assertThat(read(tool, Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS.getKey()).toString())
			.isEqualTo(FakeOpenAiEndpoint.TOOL_ARGUMENTS);
		assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).isEqualTo("Sunny, 21 C in Paris");
	}

	private static JsonNode read(SpanData span, String key) {
		String value = span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(key));
		assertThat(value).as("%s of %s", key, span.getName()).isNotNull();
		return json.readTree(value);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
