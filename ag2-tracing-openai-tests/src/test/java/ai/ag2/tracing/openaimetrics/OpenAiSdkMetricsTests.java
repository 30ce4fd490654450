package ai.ag2.tracing.openaimetrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Usage;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ag2's GenAI metrics for an agent that calls the OpenAI Java SDK's {@code OpenAIClient} bean
 * directly (no {@code @LlmClient} of its own), with Spring Boot's metrics as the starter brings
 * them: each agent turn is timed, and once ag2 traces the SDK's calls itself each call counts its
 * tokens, its duration (with {@code error.type} when it fails) and, streamed, its time to first
 * chunk.
 */
@SpringBootTest(classes = OpenAiSdkMetricsTests.MetricsApplication.class,
		properties = { "app.openai.api-key=test-key",
				// Boot's OTLP meter registry would push to localhost:4318, where nothing listens
				"management.otlp.metrics.export.enabled=false" })
class OpenAiSdkMetricsTests {

	static final String RESPONSE_MODEL = FakeOpenAiEndpoint.RESPONSE_MODEL;

	static final int PROMPT_TOKENS = 23;

	static final int COMPLETION_TOKENS = 9;

	static final String FAILING_MODEL = FakeOpenAiEndpoint.FAILING_MODEL;

	// streamed after a 50 ms wait, with a usage chunk
	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint.builder("Paris is the capital.")
		.answerUsage(Usage.of(PROMPT_TOKENS, COMPLETION_TOKENS))
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
	void eachAgentTurnIsTimed() {
		this.chats.ask("What is the capital of France?");
		this.chats.ask("And of Spain?");

		DistributionSummary turns = this.registry.find("gen_ai.invoke_agent.duration")
			.tag("gen_ai.agent.name", "assistant")
			.summary();
		assertThat(turns).isNotNull();
		assertThat(turns.count()).isEqualTo(2);
		assertThat(turns.getId().getBaseUnit()).isEqualTo("s");
	}

	@Test
	void eachSdkCallCountsItsTokensAndDuration() {
		this.chats.ask("What is the capital of France?");
		this.chats.ask("And of Spain?");

		Map<String, String> call = Map.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai",
				"gen_ai.request.model", "gpt-4o-mini", "gen_ai.response.model", RESPONSE_MODEL, "gen_ai.agent.name",
				"assistant", "server.address", "127.0.0.1", "server.port", String.valueOf(endpoint.port()));
		DistributionSummary duration = only("gen_ai.client.operation.duration");
		assertThat(tags(duration)).containsExactlyInAnyOrderEntriesOf(call);
		assertThat(duration.count()).isEqualTo(2);
		DistributionSummary input = tokens("input");
		assertThat(tags(input)).containsAllEntriesOf(call);
		assertThat(input.count()).isEqualTo(2);
		assertThat(input.totalAmount()).isEqualTo(2 * PROMPT_TOKENS);
		assertThat(tokens("output").totalAmount()).isEqualTo(2 * COMPLETION_TOKENS);
		assertThat(this.registry.find("gen_ai.client.operation.time_to_first_chunk").meters()).isEmpty();
	}

	@Test
	void aFailedSdkCallIsTimedWithItsErrorType() {
		assertThatThrownBy(() -> this.chats.askModel(FAILING_MODEL, "What is the capital of France?"))
			.isInstanceOf(com.openai.errors.BadRequestException.class);

		DistributionSummary duration = only("gen_ai.client.operation.duration");
		assertThat(tags(duration)).containsEntry("error.type", "com.openai.errors.BadRequestException")
			.containsEntry("gen_ai.request.model", FAILING_MODEL);
		assertThat(duration.count()).isEqualTo(1);
		assertThat(this.registry.find("gen_ai.client.token.usage").meters()).isEmpty();
	}

	@Test
	void aStreamedSdkCallRecordsTheTimeToItsFirstChunk() {
		assertThat(this.chats.askStreamed("What is the capital of France?")).isEqualTo("Paris is the capital.");

		// the stream's span, and its metrics, end when the stream is closed, on the caller's thread
		DistributionSummary firstChunk = only("gen_ai.client.operation.time_to_first_chunk");
		assertThat(firstChunk.getId().getBaseUnit()).isEqualTo("s");
		assertThat(firstChunk.count()).isEqualTo(1);
		// the endpoint waits 50 ms before its first chunk
		assertThat(firstChunk.totalAmount()).isGreaterThanOrEqualTo(0.05).isLessThan(10.0);
		assertThat(tags(firstChunk)).containsEntry("gen_ai.request.model", "gpt-4o-mini")
			.containsEntry("gen_ai.provider.name", "openai");
		assertThat(only("gen_ai.client.operation.duration").totalAmount()).isGreaterThan(firstChunk.totalAmount());
		assertThat(tokens("input").totalAmount()).isEqualTo(PROMPT_TOKENS);
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
		OpenAIClient openAiClient(@Value("${app.openai.base-url}") String baseUrl,
				@Value("${app.openai.api-key}") String apiKey) {
			return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).build();
		}

		@Bean
		Assistant assistant(OpenAIClient client) {
			return new Assistant(client);
		}

		@Bean
		Chats chats(Assistant assistant) {
			return new Chats(assistant);
		}

	}

	@Agent(name = "assistant", description = "Answers through the OpenAI SDK")
	static class Assistant {

		private final OpenAIClient client;

		Assistant(OpenAIClient client) {
			this.client = client;
		}

		public String reply(String model, String question) {
			return this.client.chat()
				.completions()
				.create(ChatCompletionCreateParams.builder().model(model).addUserMessage(question).build())
				.choices()
				.get(0)
				.message()
				.content()
				.orElse("");
		}

		public String replyStreamed(String question) {
			StringBuilder text = new StringBuilder();
			ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
				.model("gpt-4o-mini")
				.addUserMessage(question)
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build();
			try (StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params)) {
				stream.stream()
					.forEach((chunk) -> chunk.choices()
						.forEach((choice) -> choice.delta().content().ifPresent(text::append)));
			}
			return text.toString();
		}

	}

	static class Chats {

		private final Assistant assistant;

		Chats(Assistant assistant) {
			this.assistant = assistant;
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String ask(String question) {
			return this.assistant.reply("gpt-4o-mini", question);
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String askModel(String model, String question) {
			return this.assistant.reply(model, question);
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String askStreamed(String question) {
			return this.assistant.replyStreamed(question);
		}

	}

}
