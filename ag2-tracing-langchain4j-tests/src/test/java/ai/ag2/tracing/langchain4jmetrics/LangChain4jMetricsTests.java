package ai.ag2.tracing.langchain4jmetrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.langchain4j.Ag2LangChain4j;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Usage;
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

	static final String RESPONSE_MODEL = FakeOpenAiEndpoint.RESPONSE_MODEL;

	static final int TOOL_CALL_PROMPT_TOKENS = 61;

	static final int ANSWER_PROMPT_TOKENS = 88;

	static final int COMPLETION_TOKENS = 11;

	// the weather of the city asked about, streamed after a 50 ms wait
	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint
		.builder((request) -> "Sunny in " + (request.body().contains("Rome") ? "Rome" : "Paris") + ".")
		.toolCallUsage(Usage.of(TOOL_CALL_PROMPT_TOKENS, COMPLETION_TOKENS))
		.answerUsage(Usage.of(ANSWER_PROMPT_TOKENS, COMPLETION_TOKENS))
		.firstChunkDelay(Duration.ofMillis(50))
		.start();

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

}
