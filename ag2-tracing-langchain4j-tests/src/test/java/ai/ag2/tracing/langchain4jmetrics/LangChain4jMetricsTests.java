package ai.ag2.tracing.langchain4jmetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.langchain4j.Ag2LangChain4j;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ag2's GenAI metrics for an agent that asks a LangChain4j AI service (an OpenAI chat model with a
 * tool) and a streaming model, with Spring Boot's metrics as the starter brings them: each model
 * call counts its tokens and duration, the tool call and the agent turn their durations, and the
 * streamed call its time to first chunk.
 */
@SpringBootTest(classes = LangChain4jMetricsTests.MetricsApplication.class,
		// Boot's OTLP meter registry would push to localhost:4318, where nothing listens
		properties = "management.otlp.metrics.export.enabled=false")
class LangChain4jMetricsTests {

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	static final int TOOL_CALL_PROMPT_TOKENS = 61;

	static final int ANSWER_PROMPT_TOKENS = 88;

	static final int COMPLETION_TOKENS = 11;

	private static final Endpoint endpoint = Endpoint.start();

	@Autowired
	private Chats chats;

	@Autowired
	private MeterRegistry registry;

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
		this.registry.clear();
	}

	@Test
	void aServiceCallWithAToolCountsBothModelCallsTheToolAndTheTurn() {
		assertThat(this.chats.ask("Weather in Paris?")).isEqualTo("Sunny in Paris.");

		Map<String, String> call = Map.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
				"gen_ai.request.model", "gpt-4o-mini", "gen_ai.response.model", RESPONSE_MODEL, "gen_ai.agent.name",
				"weather_agent", "server.address", "127.0.0.1", "server.port", String.valueOf(endpoint.port()));
		DistributionSummary duration = only("gen_ai.client.operation.duration");
		assertThat(tags(duration)).containsExactlyInAnyOrderEntriesOf(call);
		assertThat(duration.count()).isEqualTo(2);
		DistributionSummary input = tokens("input");
		assertThat(tags(input)).containsAllEntriesOf(call);
		assertThat(input.count()).isEqualTo(2);
		assertThat(input.totalAmount()).isEqualTo(TOOL_CALL_PROMPT_TOKENS + ANSWER_PROMPT_TOKENS);
		assertThat(tokens("output").totalAmount()).isEqualTo(2 * COMPLETION_TOKENS);

		DistributionSummary tool = only("gen_ai.execute_tool.duration");
		assertThat(tags(tool)).containsEntry("gen_ai.tool.name", "get_weather")
			.containsEntry("gen_ai.agent.name", "weather_agent")
			.containsEntry("gen_ai.operation.name", "execute_tool")
			.doesNotContainKey("error.type");
		assertThat(tool.count()).isEqualTo(1);
		DistributionSummary turn = only("gen_ai.invoke_agent.duration");
		assertThat(tags(turn)).containsEntry("gen_ai.agent.name", "weather_agent");
		assertThat(turn.count()).isEqualTo(1);
		assertThat(turn.totalAmount()).isGreaterThanOrEqualTo(duration.totalAmount());
	}

	@Test
	void aStreamedCallRecordsTheTimeToItsFirstChunk() {
		assertThat(this.chats.askStreamed("Weather in Rome?")).isEqualTo("Sunny in Rome.");

		DistributionSummary firstChunk = only("gen_ai.client.operation.time_to_first_chunk");
		assertThat(firstChunk.getId().getBaseUnit()).isEqualTo("s");
		assertThat(firstChunk.count()).isEqualTo(1);
		// the endpoint waits 50 ms before its first chunk
		assertThat(firstChunk.totalAmount()).isGreaterThanOrEqualTo(0.05).isLessThan(10.0);
		assertThat(tags(firstChunk)).containsEntry("gen_ai.request.model", "gpt-4o-mini")
			.containsEntry("gen_ai.agent.name", "weather_agent");
		assertThat(only("gen_ai.client.operation.duration").totalAmount()).isGreaterThan(firstChunk.totalAmount());
		assertThat(tokens("input").totalAmount()).isEqualTo(ANSWER_PROMPT_TOKENS);
	}

	private DistributionSummary only(String name) {
		List<DistributionSummary> all = List.copyOf(this.registry.find(name).summaries());
		assertThat(all).as(name).hasSize(1);
		return all.get(0);
	}

	private DistributionSummary tokens(String type) {
		DistributionSummary usage = this.registry.find("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", type)
			.summary();
		assertThat(usage).as(type + " tokens").isNotNull();
		return usage;
	}

	private static Map<String, String> tags(Meter meter) {
		Map<String, String> tags = new HashMap<>();
		for (Tag tag : meter.getId().getTags()) {
			tags.put(tag.getKey(), tag.getValue());
		}
		return tags;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class MetricsApplication {

		@Bean
		OpenAiChatModel openAiChatModel(Ag2LangChain4j ag2, @Value("${app.openai.base-url}") String baseUrl) {
			return OpenAiChatModel.builder()
				.baseUrl(baseUrl)
				.apiKey("test-key")
				.modelName("gpt-4o-mini")
				.maxRetries(0)
				.httpClientBuilder(ag2.httpClientBuilder())
				.build();
		}

		@Bean
		OpenAiStreamingChatModel openAiStreamingChatModel(Ag2LangChain4j ag2,
				@Value("${app.openai.base-url}") String baseUrl) {
			return OpenAiStreamingChatModel.builder()
				.baseUrl(baseUrl)
				.apiKey("test-key")
				.modelName("gpt-4o-mini")
				.httpClientBuilder(ag2.httpClientBuilder())
				.build();
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		Assistant assistant(OpenAiChatModel model, WeatherTools tools, Ag2LangChain4j ag2) {
			return AiServices.builder(Assistant.class).chatModel(model).tools(ag2.tools(tools)).build();
		}

		@Bean
		StreamingAssistant streamingAssistant(OpenAiStreamingChatModel model) {
			return AiServices.builder(StreamingAssistant.class).streamingChatModel(model).build();
		}

		@Bean
		WeatherAgent weatherAgent(Assistant assistant, StreamingAssistant streamingAssistant) {
			return new WeatherAgent(assistant, streamingAssistant);
		}

		@Bean
		Chats chats(WeatherAgent agent) {
			return new Chats(agent);
		}

	}

	interface Assistant {

		String chat(String question);

	}

	interface StreamingAssistant {

		TokenStream chat(String question);

	}

	static class WeatherTools {

		@Tool(name = "get_weather", value = "Current weather of a city")
		public String getWeather(@P("the city") String city) {
			return "sunny in " + city;
		}

	}

	@Agent(name = "weather_agent", description = "Answers weather questions with LangChain4j")
	static class WeatherAgent {

		private final Assistant assistant;

		private final StreamingAssistant streamingAssistant;

		WeatherAgent(Assistant assistant, StreamingAssistant streamingAssistant) {
			this.assistant = assistant;
			this.streamingAssistant = streamingAssistant;
		}

		public String ask(String question) {
			return this.assistant.chat(question);
		}

		public String askStreamed(String question) {
			CompletableFuture<ChatResponse> done = new CompletableFuture<>();
			this.streamingAssistant.chat(question)
				.onPartialResponse((partial) -> {
				})
				.onCompleteResponse(done::complete)
				.onError(done::completeExceptionally)
				.start();
			return done.orTimeout(10, TimeUnit.SECONDS).join().aiMessage().text();
		}

	}

	static class Chats {

		private final WeatherAgent agent;

		Chats(WeatherAgent agent) {
			this.agent = agent;
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String ask(String question) {
			return this.agent.ask(question);
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String askStreamed(String question) {
			return this.agent.askStreamed(question);
		}

	}

	/**
	 * An OpenAI chat-completions endpoint on 127.0.0.1: a request that offers tools and holds no
	 * tool result yet is answered with a call of {@code get_weather}, any other with the weather of
	 * the city asked about (streamed when asked to, after a 50 ms wait, with a usage chunk).
	 */
	static final class Endpoint implements AutoCloseable {

		private final HttpServer server;

		private Endpoint(HttpServer server) {
			this.server = server;
		}

		static Endpoint start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				server.createContext("/", Endpoint::handle);
				server.start();
				return new Endpoint(server);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the endpoint", ex);
			}
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + port() + "/v1";
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

		private static void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				if (!exchange.getRequestMethod().equals("POST")
						|| !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
					exchange.sendResponseHeaders(404, -1);
					return;
				}
				String city = body.contains("Rome") ? "Rome" : "Paris";
				if (body.matches("(?s).*\"stream\"\\s*:\\s*true.*")) {
					stream(exchange, "Sunny in " + city + ".");
				}
				else if (body.contains("\"tools\"") && !body.matches("(?s).*\"role\"\\s*:\\s*\"tool\".*")) {
					send(exchange, completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
							+ "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
							+ "\"{\\\"city\\\":\\\"" + city + "\\\"}\"}}]}", "tool_calls", TOOL_CALL_PROMPT_TOKENS));
				}
				else {
					send(exchange, completion("{\"role\":\"assistant\",\"content\":\"Sunny in " + city + ".\"}", "stop",
							ANSWER_PROMPT_TOKENS));
				}
			}
		}

		private static String completion(String message, String finishReason, int promptTokens) {
			return "{\"id\":\"chatcmpl-m1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
					+ RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"message\":" + message
					+ ",\"logprobs\":null,\"finish_reason\":\"" + finishReason + "\"}]," + usage(promptTokens) + "}";
		}

		private static void stream(HttpExchange exchange, String answer) throws IOException {
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
			for (String piece : answer.split("(?<= )")) {
				event(out, chunk("{\"content\":\"" + piece + "\"}", "null"));
			}
			event(out, chunk("{}", "\"stop\""));
			event(out, "{\"id\":\"chatcmpl-m1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
					+ "\"model\":\"" + RESPONSE_MODEL + "\",\"choices\":[]," + usage(ANSWER_PROMPT_TOKENS) + "}");
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
		}

		private static String chunk(String delta, String finishReason) {
			return "{\"id\":\"chatcmpl-m1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
					+ RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
					+ finishReason + "}]}";
		}

		private static String usage(int promptTokens) {
			return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + COMPLETION_TOKENS
					+ ",\"total_tokens\":" + (promptTokens + COMPLETION_TOKENS) + "}";
		}

		private static void event(OutputStream out, String data) throws IOException {
			out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		}

		private static void send(HttpExchange exchange, String json) throws IOException {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

}
