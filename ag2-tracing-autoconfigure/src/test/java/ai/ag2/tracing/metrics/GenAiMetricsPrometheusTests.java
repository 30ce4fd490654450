package ai.ag2.tracing.metrics;

import java.util.List;
import java.util.Map;

import ai.ag2.tracing.metrics.GenAiMetricsTests.AgentsConfiguration;
import ai.ag2.tracing.metrics.GenAiMetricsTests.FailingModel;
import ai.ag2.tracing.metrics.GenAiMetricsTests.WeatherChat;
import ai.ag2.tracing.metrics.PrometheusScrape.Sample;
import ai.ag2.tracing.test.TracingContextRunners;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.model.observation.ModelUsageMetricsGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The GenAI metrics in a Prometheus registry, as Spring Boot sets it up, scraped as Prometheus
 * scrapes it: the names Prometheus gives seconds and tokens, the conventions' buckets as
 * {@code le} labels, one series per call, and Spring AI's own {@code gen_ai.client.token.usage}
 * counter giving way to ag2's histogram (a Prometheus registry refuses a second type under one
 * name) unless ag2's metrics are off.
 */
class GenAiMetricsPrometheusTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(GenAiMetricsTests.bootMetricsWithAg2())
		.withConfiguration(AutoConfigurations.of(PrometheusMetricsExportAutoConfiguration.class))
		.withUserConfiguration(AgentsConfiguration.class)
		// a registration that Prometheus refuses (a second type under one name) fails here, not quietly
		.withBean("strictPrometheus", MeterRegistryCustomizer.class,
				() -> (MeterRegistryCustomizer<PrometheusMeterRegistry>) PrometheusMeterRegistry::throwExceptionOnRegistrationFailure);

	@Test
	void durationsAreSecondsAndTokensHaveNoUnitSuffixWithTheConventionsBucketsAsLeLabels() {
		this.runner.run((context) -> {
			context.getBean(WeatherChat.class).chat("Paris");
			PrometheusScrape scrape = scrape(context);

			assertThat(scrape.namesStartingWith("gen_ai_")).containsExactlyInAnyOrder(
					"gen_ai_client_operation_duration_seconds_bucket", "gen_ai_client_operation_duration_seconds_count",
					"gen_ai_client_operation_duration_seconds_sum", "gen_ai_client_operation_duration_seconds_max",
					"gen_ai_client_token_usage_bucket", "gen_ai_client_token_usage_count",
					"gen_ai_client_token_usage_sum", "gen_ai_client_token_usage_max",
					"gen_ai_execute_tool_duration_seconds_bucket", "gen_ai_execute_tool_duration_seconds_count",
					"gen_ai_execute_tool_duration_seconds_sum", "gen_ai_execute_tool_duration_seconds_max",
					"gen_ai_invoke_agent_duration_seconds_bucket", "gen_ai_invoke_agent_duration_seconds_count",
					"gen_ai_invoke_agent_duration_seconds_sum", "gen_ai_invoke_agent_duration_seconds_max",
					"gen_ai_usage_cost_total");
			Map<String, String> chat = Map.of("gen_ai_operation_name", "chat", "gen_ai_provider_name", "openai",
					"gen_ai_request_model", "gpt-4o-mini", "gen_ai_response_model", "gpt-4o-mini-2024-07-18",
					"gen_ai_agent_name", "assistant");
			assertThat(leBounds(scrape.named("gen_ai_client_operation_duration_seconds_bucket", chat)))
				.containsExactly(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
						Double.POSITIVE_INFINITY);
			assertThat(only(scrape.named("gen_ai_client_operation_duration_seconds_count", chat)).value()).isEqualTo(2);
			assertThat(leBounds(scrape.named("gen_ai_client_token_usage_bucket", with(chat, "gen_ai_token_type", "input"))))
				.containsExactly(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0, 65536.0, 262144.0, 1048576.0,
						4194304.0, 16777216.0, 67108864.0, Double.POSITIVE_INFINITY);
			assertThat(only(scrape.named("gen_ai_client_token_usage_count", with(chat, "gen_ai_token_type", "input")))
				.value()).isEqualTo(2);
			assertThat(only(scrape.named("gen_ai_client_token_usage_sum", with(chat, "gen_ai_token_type", "output")))
				.value()).isEqualTo(25);
			assertThat(leBounds(scrape.named("gen_ai_invoke_agent_duration_seconds_bucket",
					Map.of("gen_ai_agent_name", "assistant"))))
				.containsExactly(0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 204.8, 409.6,
						Double.POSITIVE_INFINITY);
			assertThat(only(scrape.named("gen_ai_execute_tool_duration_seconds_count",
					Map.of("gen_ai_tool_name", "get_weather", "gen_ai_agent_name", "tool_user"))).value()).isEqualTo(1);
		});
	}

	@Test
	void failedAndSucceededCallsAreTwoSeriesOfOneMetric() {
		this.runner.run((context) -> {
			FailingModel model = context.getBean(FailingModel.class);
			model.completeFine(GenAiMetricsTests.request("gpt-4o-mini"));
			assertThatIllegalStateException().isThrownBy(() -> model.complete(GenAiMetricsTests.request("gpt-4o-mini")));
			PrometheusScrape scrape = scrape(context);

			List<Sample> counts = scrape.named("gen_ai_client_operation_duration_seconds_count",
					Map.of("gen_ai_request_model", "gpt-4o-mini"));
			assertThat(counts).hasSize(2).allSatisfy((sample) -> assertThat(sample.value()).isEqualTo(1));
			assertThat(counts).extracting((sample) -> sample.labels().get("error_type"))
				.containsExactlyInAnyOrder(null, "java.lang.IllegalStateException");
		});
	}

	@Test
	void springAisTokenCounterGivesWayToAg2sHistogram() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// first, as when Spring AI's model answers before any ag2 call
			springAiRecordsItsTokenUsage(registry);
			context.getBean(WeatherChat.class).chat("Paris");
			springAiRecordsItsTokenUsage(registry);
			PrometheusScrape scrape = scrape(context);

			assertThat(scrape.namesStartingWith("gen_ai_client_token_usage")).containsExactlyInAnyOrder(
					"gen_ai_client_token_usage_bucket", "gen_ai_client_token_usage_count",
					"gen_ai_client_token_usage_sum", "gen_ai_client_token_usage_max");
			assertThat(scrape.named("gen_ai_client_token_usage_count", Map.of("gen_ai_token_type", "input")))
				.singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(2));
			assertThat(scrape.named("gen_ai_client_token_usage_count", Map.of("gen_ai_token_type", "total"))).isEmpty();
		});
	}

	@Test
	void withAg2MetricsOffSpringAisTokenCounterIsBack() {
		this.runner.withPropertyValues("ag2.tracing.metrics.enabled=false").run((context) -> {
			springAiRecordsItsTokenUsage(context.getBean(MeterRegistry.class));
			context.getBean(WeatherChat.class).chat("Paris");
			PrometheusScrape scrape = scrape(context);

			assertThat(scrape.namesStartingWith("gen_ai_")).containsExactly("gen_ai_client_token_usage_total");
			assertThat(scrape.named("gen_ai_client_token_usage_total", Map.of("gen_ai_token_type", "input")))
				.singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(19));
		});
	}

	@Test
	void nextToAnotherRegistryPrometheusAloneGetsItsUnitNames() {
		this.runner.withBean("otherRegistry", SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(WeatherChat.class).chat("Paris");
			SimpleMeterRegistry other = context.getBean("otherRegistry", SimpleMeterRegistry.class);

			DistributionSummary duration = other.find("gen_ai.client.operation.duration").summary();
			assertThat(duration).isNotNull();
			assertThat(duration.getId().getBaseUnit()).isEqualTo("s");
			assertThat(duration.count()).isEqualTo(2);
			assertThat(other.find("gen_ai.client.token.usage").summary().getId().getBaseUnit()).isEqualTo("{token}");
			PrometheusScrape scrape = scrape(context);
			assertThat(scrape.named("gen_ai_client_operation_duration_seconds_count", Map.of()))
				.singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(2));
		});
	}

	/** What Spring AI's chat model meter handler records for one call (19 in, 7 out). */
	static void springAiRecordsItsTokenUsage(MeterRegistry registry) {
		Observation.Context observation = new Observation.Context();
		observation.addLowCardinalityKeyValue(KeyValue.of("gen_ai.operation.name", "chat"));
		observation.addLowCardinalityKeyValue(KeyValue.of("gen_ai.system", "openai"));
		observation.addLowCardinalityKeyValue(KeyValue.of("gen_ai.request.model", "gpt-4o-mini"));
		ModelUsageMetricsGenerator.generate(new DefaultUsage(19, 7), observation, registry);
	}

	static PrometheusScrape scrape(ApplicationContext context) {
		return PrometheusScrape.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
	}

	private static Map<String, String> with(Map<String, String> labels, String key, String value) {
		Map<String, String> all = new java.util.HashMap<>(labels);
		all.put(key, value);
		return all;
	}

	private static Sample only(List<Sample> samples) {
		assertThat(samples).hasSize(1);
		return samples.get(0);
	}

	private static List<Double> leBounds(List<Sample> buckets) {
		return buckets.stream().map((bucket) -> bucket.labels().get("le")).map(GenAiMetricsPrometheusTests::bound).toList();
	}

	private static double bound(String le) {
		return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
	}

}
