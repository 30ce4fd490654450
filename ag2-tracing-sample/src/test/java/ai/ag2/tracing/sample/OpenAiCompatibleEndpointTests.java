package ai.ag2.tracing.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an OpenAI-compatible endpoint configured, the agents talk to it over HTTP: a fake endpoint
 * on loopback answers like OpenAI and records what it received.
 */
@SpringBootTest(properties = { "sample.run-walkthrough=false", "ag2.tracing.console.enabled=false",
		"sample.llm.api-key=test-key", "sample.llm.model=gpt-4o-mini" })
class OpenAiCompatibleEndpointTests {

	private static final List<Received> received = new CopyOnWriteArrayList<>();

	private static final HttpServer endpoint = startEndpoint();

	@Autowired
	private Walkthrough walkthrough;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("sample.llm.base-url", () -> "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/v1");
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.stop(0);
	}

	@BeforeEach
	void forgetEarlierCalls() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		SharedInMemorySpanExporter.SPANS.reset();
		received.clear();
	}

	@Test
	void chatGoesToTheEndpointWithTheKeyAndTheTraceContext() {
		String answer = this.walkthrough.twoAgentChat();
		List<SpanData> spans = SharedInMemorySpanExporter.awaitCompleteTrace(this::flush);

		assertThat(answer).isEqualTo("Red, yellow and blue.");
		assertThat(received).hasSize(1);
		Received request = received.get(0);
		assertThat(request.path()).isEqualTo("/v1/chat/completions");
		assertThat(request.authorization()).isEqualTo("Bearer test-key");
		assertThat(request.body()).contains("\"model\":\"gpt-4o-mini\"")
			.contains("{\"role\":\"system\",\"content\":\"You are a helpful assistant.")
			.contains("{\"role\":\"user\",\"content\":\"What are the three primary colors?\",\"name\":\"user_proxy\"}");

		TraceShape trace = new TraceShape(spans);
		SpanData chat = trace.span("chat gpt-4o-mini");
		assertThat(request.traceparent()).startsWith("00-" + chat.getTraceId() + "-");
		SpanData http = trace.children(chat).get(0);
		assertThat(http.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(request.traceparent()).contains("-" + http.getSpanId() + "-");
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 41L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 22L)
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_ID, "chatcmpl-fake-1")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-mini-2024-07-18");
	}

	@Test
	void toolCallsOfTheModelAreRunAndTheirResultsSentBack() throws Exception {
		String answer = this.walkthrough.toolCall();
		List<SpanData> spans = SharedInMemorySpanExporter.awaitCompleteTrace(this::flush);

		assertThat(answer).isEqualTo("Sunny in Tokyo.");
		assertThat(received).hasSize(2);
		assertThat(received.get(0).body()).contains("\"tools\":[{").contains("\"name\":\"get_weather\"");
		assertThat(received.get(1).body())
			.contains("{\"role\":\"assistant\",\"content\":null,\"name\":\"tool_agent\",\"tool_calls\":[{\"id\":\"call_fake\","
					+ "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Tokyo\\\"}\"}}]}")
			.contains("{\"role\":\"tool\",\"content\":\"The weather in Tokyo is sunny, 72F.\",\"tool_call_id\":\"call_fake\"}");
		TraceShape trace = new TraceShape(spans);
		SpanData tool = trace.span("execute_tool get_weather");
		assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ID)).isEqualTo("call_fake");
		assertThat(trace.all("chat gpt-4o-mini"))
			.extracting((chat) -> chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS))
			.containsExactly(List.of("tool_calls"), List.of("stop"));
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static HttpServer startEndpoint() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", OpenAiCompatibleEndpointTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		received.add(new Received(exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("traceparent"), body));
		String message;
		String finishReason = "stop";
		if (body.contains("\"role\":\"tool\"")) {
			message = "{\"role\":\"assistant\",\"content\":\"Sunny in Tokyo.\"}";
		}
		else if (body.contains("\"tools\"")) {
			message = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_fake\",\"type\":\"function\","
					+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Tokyo\\\"}\"}}]}";
			finishReason = "tool_calls";
		}
		else {
			message = "{\"role\":\"assistant\",\"content\":\"Red, yellow and blue.\"}";
		}
		String response = "{\"id\":\"chatcmpl-fake-" + received.size() + "\",\"object\":\"chat.completion\","
				+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":" + message
				+ ",\"finish_reason\":\"" + finishReason + "\"}],"
				+ "\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":22,\"total_tokens\":63}}";
		byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private record Received(String path, String authorization, String traceparent, String body) {
	}

}
