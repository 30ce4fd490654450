package ai.ag2.tracing.springaimetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Usage;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ag2's GenAI metrics next to Spring AI's own, with the starter, Spring AI's OpenAI starter and a
 * Prometheus registry (the one that refuses two meter types under one name): the context starts,
 * Spring AI's {@code gen_ai.client.token.usage} counter gives way to ag2's histogram, each call is
 * one series, and {@code ag2.tracing.metrics.enabled=false} gives Spring AI's counter back.
 */
@SpringBootTest(classes = SpringAiMetricsTests.MetricsApplication.class,
		properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini",
				// Boot's OTLP meter registry would push to localhost:4318, where nothing listens
				"management.otlp.metrics.export.enabled=false" })
class SpringAiMetricsTests {

	static final String RESPONSE_MODEL = FakeOpenAiEndpoint.RESPONSE_MODEL;

	static final int PROMPT_TOKENS = 19;

	static final int COMPLETION_TOKENS = 7;

	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint.builder("Paris.")
		.answerUsage(Usage.of(PROMPT_TOKENS, COMPLETION_TOKENS))
		.start();

	/** Prometheus names of ag2's meters (Spring AI's observation timer is gen_ai_client_operation_seconds). */
	private static final Pattern AG2_METRICS = Pattern.compile("gen_ai_(client_token_usage_(bucket|count|sum|max)"
			+ "|client_operation_duration|client_operation_time_to_first_chunk|invoke_agent|execute_tool|usage_cost)");

	@Autowired
	private Chats chats;

	@Autowired
	private PrometheusMeterRegistry prometheus;

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", endpoint::baseUrl);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void springAisTokenCounterGivesWayAndEachAgentTurnIsOneSeries() {
		Scrape before = Scrape.of(this.prometheus);
		this.chats.ask("What is the capital of France?");
		this.chats.ask("And of Spain?");
		Scrape after = Scrape.of(this.prometheus);

		assertThat(after.names()).as("Spring AI's counter is denied").doesNotContain("gen_ai_client_token_usage_total");
		assertThat(after.value("gen_ai_invoke_agent_duration_seconds_count", Map.of("gen_ai_agent_name", "assistant"))
				- before.value("gen_ai_invoke_agent_duration_seconds_count", Map.of("gen_ai_agent_name", "assistant")))
			.isEqualTo(2);
		assertThat(after.series("gen_ai_invoke_agent_duration_seconds_count")).singleElement()
			.satisfies((series) -> assertThat(series.labels()).containsOnlyKeys("gen_ai_agent_name",
					"gen_ai_operation_name"));
	}

	@Test
	void springAiCallsCountInAg2sTokenAndDurationHistograms() {
		Map<String, String> call = Map.of("gen_ai_operation_name", "chat", "gen_ai_provider_name", "openai",
				"gen_ai_request_model", "gpt-4o-mini", "gen_ai_response_model", RESPONSE_MODEL, "gen_ai_agent_name",
				"assistant");
		Map<String, String> input = with(call, "gen_ai_token_type", "input");
		Map<String, String> output = with(call, "gen_ai_token_type", "output");
		Scrape before = Scrape.of(this.prometheus);
		this.chats.ask("What is the capital of France?");
		this.chats.ask("And of Spain?");
		Scrape after = Scrape.of(this.prometheus);

		assertThat(after.value("gen_ai_client_token_usage_count", input)
				- before.value("gen_ai_client_token_usage_count", input)).isEqualTo(2);
		assertThat(after.value("gen_ai_client_token_usage_sum", input)
				- before.value("gen_ai_client_token_usage_sum", input)).isEqualTo(2 * PROMPT_TOKENS);
		assertThat(after.value("gen_ai_client_token_usage_sum", output)
				- before.value("gen_ai_client_token_usage_sum", output)).isEqualTo(2 * COMPLETION_TOKENS);
		assertThat(after.value("gen_ai_client_operation_duration_seconds_count", call)
				- before.value("gen_ai_client_operation_duration_seconds_count", call)).isEqualTo(2);
		assertThat(after.series("gen_ai_client_token_usage_count")).as("one series per token type").hasSize(2);
	}

	@Nested
	@TestPropertySource(properties = "ag2.tracing.metrics.enabled=false")
	class WithAg2MetricsOff {

		@Test
		void springAisTokenCounterIsBackAndAg2RecordsNothing() {
			Scrape before = Scrape.of(SpringAiMetricsTests.this.prometheus);
			SpringAiMetricsTests.this.chats.ask("What is the capital of France?");
			Scrape after = Scrape.of(SpringAiMetricsTests.this.prometheus);

			Map<String, String> input = Map.of("gen_ai_token_type", "input", "gen_ai_request_model", "gpt-4o-mini");
			assertThat(after.value("gen_ai_client_token_usage_total", input)
					- before.value("gen_ai_client_token_usage_total", input)).isEqualTo(PROMPT_TOKENS);
			assertThat(after.names()).contains("gen_ai_client_token_usage_total")
				.noneMatch((name) -> AG2_METRICS.matcher(name).lookingAt());
		}

	}

	private static Map<String, String> with(Map<String, String> labels, String key, String value) {
		Map<String, String> all = new LinkedHashMap<>(labels);
		all.put(key, value);
		return all;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class MetricsApplication {

		@Bean
		Assistant assistant(ChatClient.Builder chatClient) {
			return new Assistant(chatClient.build());
		}

		@Bean
		Chats chats(Assistant assistant) {
			return new Chats(assistant);
		}

		// a second meter type under one name fails the registration here instead of being dropped quietly
		@Bean
		MeterRegistryCustomizer<PrometheusMeterRegistry> strictPrometheus() {
			return PrometheusMeterRegistry::throwExceptionOnRegistrationFailure;
		}

	}

	@Agent(name = "assistant", description = "Answers through Spring AI")
	static class Assistant {

		private final ChatClient chatClient;

		Assistant(ChatClient chatClient) {
			this.chatClient = chatClient;
		}

		public String reply(String question) {
			return this.chatClient.prompt().user(question).call().content();
		}

	}

	static class Chats {

		private final Assistant assistant;

		Chats(Assistant assistant) {
			this.assistant = assistant;
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String ask(String question) {
			return this.assistant.reply(question);
		}

	}

	/** A Prometheus scrape: each sample's name, labels and value. */
	record Scrape(List<Sample> samples) {

		private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+).*$");

		private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

		static Scrape of(PrometheusMeterRegistry registry) {
			List<Sample> samples = new ArrayList<>();
			for (String line : registry.scrape().split("\n")) {
				Matcher sample = SAMPLE.matcher(line);
				if (line.startsWith("#") || !sample.matches()) {
					continue;
				}
				Map<String, String> labels = new LinkedHashMap<>();
				Matcher label = LABEL.matcher((sample.group(2) != null) ? sample.group(2) : "");
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
				samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
			}
			return new Scrape(samples);
		}

		List<String> names() {
			return this.samples.stream().map(Sample::name).distinct().toList();
		}

		List<Sample> series(String name) {
			return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
		}

		/** The sum of the samples named {@code name} whose labels include {@code labels}; 0 when none. */
		double value(String name, Map<String, String> labels) {
			return series(name).stream()
				.filter((sample) -> sample.labels().entrySet().containsAll(labels.entrySet()))
				.mapToDouble(Sample::value)
				.sum();
		}

	}

	record Sample(String name, Map<String, String> labels, double value) {
	}

}
