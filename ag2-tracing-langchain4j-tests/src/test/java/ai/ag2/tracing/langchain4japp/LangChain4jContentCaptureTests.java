package ai.ag2.tracing.langchain4japp;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With content capture on, LangChain4j's messages reach the spans with their real roles: the
 * AI service's system message as {@code gen_ai.system_instructions}, the user's question, the
 * model's tool call and the tool's result as {@code tool_call} and {@code tool_call_response}
 * parts under the model's call id, the answer with its finish reason; and the tool span has the
 * arguments the model sent and the result it got back.
 */
@SpringBootTest(properties = { "ag2.tracing.capture-content=true", "management.tracing.sampling.probability=1.0",
		"management.otlp.metrics.export.enabled=false", "management.tracing.export.otlp.enabled=false" })
@Import(TracingTestSupport.InMemorySpans.class)
class LangChain4jContentCaptureTests {

	private static final String QUESTION = "What is the weather in Paris?";

	private static final String SYSTEM_INSTRUCTIONS = "[{\"type\":\"text\",\"content\":\""
			+ LangChain4jApplication.SYSTEM_PROMPT + "\"}]";

	private static final String USER_MESSAGE = "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\""
			+ QUESTION + "\"}]}";

	private static final String TOOL_CALL_MESSAGE = "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\","
			+ "\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}]";

	private static final String TOOL_RESULT = "sunny, 21 degrees in Paris";

	private static final FakeOpenAiEndpoint endpoint = TracingTestSupport.startEndpoint();

	@Autowired
	private LangChain4jApplication.Chats chats;

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
	void messagesKeepTheirRolesAndToolCallsTheirIds() {
		this.chats.ask(QUESTION);

		assertCapturedRoundTrip(spans());
	}

	@Test
	void streamedMessagesAreTheOnesTheModelAssembledFromTheChunks() {
		this.chats.askStreamed(QUESTION);

		assertCapturedRoundTrip(spans());
	}

	@Test
	void systemMessageOfARequestIsASystemInstruction() {
		this.chats.chatRequest(QUESTION);

		SpanData chat = SpanTree.of(spans()).span("chat gpt-4o-mini");
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS))
			.isEqualTo("[{\"type\":\"text\",\"content\":\"Be brief.\"}]");
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES)).isEqualTo("[" + USER_MESSAGE + "]");
	}

	private static void assertCapturedRoundTrip(List<SpanData> spans) {
		List<SpanData> chatSpans = SpanTree.of(spans).all("chat gpt-4o-mini");
		assertThat(chatSpans).hasSize(2);
		SpanData first = chatSpans.get(0);
		assertThat(first.getAttributes().get(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS)).isEqualTo(SYSTEM_INSTRUCTIONS);
		assertThat(first.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES)).isEqualTo("[" + USER_MESSAGE + "]");
		assertThat(first.getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES))
			.isEqualTo("[" + TOOL_CALL_MESSAGE + ",\"finish_reason\":\"tool_calls\"}]");
		SpanData second = chatSpans.get(1);
		assertThat(second.getAttributes().get(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS)).isEqualTo(SYSTEM_INSTRUCTIONS);
		assertThat(second.getAttributes().get(Ag2Attributes.GEN_AI_INPUT_MESSAGES)).isEqualTo("[" + USER_MESSAGE + ","
				+ TOOL_CALL_MESSAGE + "},{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\","
				+ "\"response\":\"" + TOOL_RESULT + "\"}]}]");
		assertThat(second.getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES))
			.isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + TracingTestSupport.ANSWER
					+ "\"}],\"finish_reason\":\"stop\"}]");
		SpanData tool = SpanTree.of(spans).span("execute_tool get_weather");
		assertThat(tool.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, FakeOpenAiEndpoint.TOOL_ARGUMENTS)
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, TOOL_RESULT)
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, "call_1");
	}

	private List<SpanData> spans() {
		return TracingTestSupport.awaitSpans(this.tracerProvider, this.exporter,
				(spans) -> SpanTree.of(spans).all("POST").size() >= endpoint.tracedRequests());
	}

}
