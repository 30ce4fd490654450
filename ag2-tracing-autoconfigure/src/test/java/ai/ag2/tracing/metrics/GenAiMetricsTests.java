package ai.ag2.tracing.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.autoconfigure.Ag2TracingMetricsAutoConfiguration;
import ai.ag2.tracing.internal.metrics.ForeignGenAiMeters;
import ai.ag2.tracing.internal.metrics.GenAiMetrics;
import ai.ag2.tracing.test.TracingContextRunners;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * The GenAI metrics a user's registry receives from traced agents, as Spring Boot's metrics
 * auto-configuration sets it up (a {@link SimpleMeterRegistry} here): names, units, the
 * conventions' bucket boundaries, attributes and counts.
 */
class GenAiMetricsTests {

	static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
			16777216, 67108864 };

	static final double[] CLIENT_DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
			10.24, 20.48, 40.96, 81.92 };

	static final double[] AGENT_DURATION_BUCKETS = { 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 204.8,
			409.6 };

	static AutoConfigurations bootMetricsWithAg2() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, Ag2TracingMetricsAutoConfiguration.class);
	}

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(bootMetricsWithAg2())
		.withUserConfiguration(AgentsConfiguration.class);

	@Test
	void conversationWithTwoLlmCallsAndAToolRecordsEachCallTurnAndToolWithTheConventionsBuckets() {
		this.runner.run((context) -> {
			context.getBean(WeatherChat.class).chat("Paris");
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			DistributionSummary duration = onlySummary(registry, "gen_ai.client.operation.duration");
			assertThat(duration.getId().getBaseUnit()).isEqualTo("s");
			assertThat(tags(duration)).containsExactlyInAnyOrderEntriesOf(Map.of("gen_ai.operation.name", "chat",
					"gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o-mini", "gen_ai.response.model",
					"gpt-4o-mini-2024-07-18", "gen_ai.agent.name", "assistant"));
			assertThat(duration.count()).isEqualTo(2);
			assertThat(bounds(duration)).containsExactly(CLIENT_DURATION_BUCKETS);
			assertThat(duration.totalAmount()).isPositive().isLessThan(5.0);

			List<DistributionSummary> tokens = summaries(registry, "gen_ai.client.token.usage");
			assertThat(tokens).hasSize(2).allSatisfy((usage) -> {
				assertThat(usage.getId().getBaseUnit()).isEqualTo("{token}");
				assertThat(bounds(usage)).containsExactly(TOKEN_BUCKETS);
				assertThat(usage.count()).isEqualTo(2);
			});
			DistributionSummary input = tokenUsage(registry, "input");
			assertThat(tags(input)).containsEntry("gen_ai.request.model", "gpt-4o-mini")
				.containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
				.containsEntry("gen_ai.provider.name", "openai")
				.containsEntry("gen_ai.operation.name", "chat")
				.doesNotContainKey("error.type");
			assertThat(input.totalAmount()).isEqualTo(41 + 300);
			assertThat(countAt(input, 64)).isEqualTo(1);
			assertThat(countAt(input, 1024)).isEqualTo(2);
			DistributionSummary output = tokenUsage(registry, "output");
			assertThat(output.totalAmount()).isEqualTo(22 + 3);
			assertThat(countAt(output, 4)).isEqualTo(1);
			assertThat(countAt(output, 16)).isEqualTo(1);
			assertThat(countAt(output, 64)).isEqualTo(2);

			Counter cost = onlyCounter(registry, "gen_ai.usage.cost");
			assertThat(cost.count()).isCloseTo(0.0012 + 0.0030, within(1e-12));
			assertThat(tags(cost)).containsEntry("gen_ai.request.model", "gpt-4o-mini");

			DistributionSummary tool = onlySummary(registry, "gen_ai.execute_tool.duration");
			assertThat(tool.getId().getBaseUnit()).isEqualTo("s");
			assertThat(bounds(tool)).containsExactly(CLIENT_DURATION_BUCKETS);
			assertThat(tags(tool)).containsExactlyInAnyOrderEntriesOf(Map.of("gen_ai.operation.name", "execute_tool",
					"gen_ai.tool.name", "get_weather", "gen_ai.tool.type", "function", "gen_ai.agent.name",
					"tool_user"));
			assertThat(tool.count()).isEqualTo(1);

			List<DistributionSummary> turns = summaries(registry, "gen_ai.invoke_agent.duration");
			assertThat(turns).allSatisfy((turn) -> {
				assertThat(turn.getId().getBaseUnit()).isEqualTo("s");
				assertThat(bounds(turn)).containsExactly(AGENT_DURATION_BUCKETS);
			});
			Map<String, Long> turnsByAgent = turns.stream()
				.collect(Collectors.toMap((turn) -> turn.getId().getTag("gen_ai.agent.name"), DistributionSummary::count));
			assertThat(turnsByAgent).containsExactlyInAnyOrderEntriesOf(Map.of("assistant", 2L, "tool_user", 1L));
			assertThat(tags(summary(registry, "gen_ai.invoke_agent.duration", "gen_ai.agent.name", "assistant")))
				.containsExactlyInAnyOrderEntriesOf(Map.of("gen_ai.operation.name", "invoke_agent",
						"gen_ai.agent.name", "assistant", "gen_ai.provider.name", "openai", "gen_ai.request.model",
						"gpt-4o-mini"));

			assertThat(registry.find("gen_ai.client.operation.time_to_first_chunk").meters())
				.as("no streamed call, no time to first chunk")
				.isEmpty();
		});
	}

	@Test
	void failingLlmCallIsTimedWithItsErrorTypeAndCountsNoTokens() {
		this.runner.run((context) -> {
			FailingModel model = context.getBean(FailingModel.class);
			assertThatIllegalStateException().isThrownBy(() -> model.complete(request("gpt-4o-mini")))
				.withMessage("model overloaded");
			model.completeFine(request("gpt-4o-mini"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			List<DistributionSummary> durations = summaries(registry, "gen_ai.client.operation.duration");
			assertThat(durations).hasSize(2);
			DistributionSummary failed = summary(registry, "gen_ai.client.operation.duration", "error.type",
					"java.lang.IllegalStateException");
			assertThat(failed.count()).isEqualTo(1);
			assertThat(tags(failed)).containsEntry("gen_ai.request.model", "gpt-4o-mini")
				.containsEntry("gen_ai.provider.name", "openai")
				.containsEntry("gen_ai.operation.name", "chat");
			assertThat(durations).filteredOn((summary) -> summary.getId().getTag("error.type") == null)
				.singleElement()
				.satisfies((ok) -> assertThat(ok.count()).isEqualTo(1));
			assertThat(summaries(registry, "gen_ai.client.token.usage")).extracting(DistributionSummary::count)
				.as("only the call that succeeded has usage")
				.containsOnly(1L);
		});
	}

	@Test
	void streamedLlmCallRecordsTheTimeToItsFirstChunk() {
		this.runner.run((context) -> {
			List<Map<String, Object>> chunks = context.getBean(StreamingModel.class)
				.stream(request("gpt-4o-mini"))
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(chunks).hasSize(4);
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			DistributionSummary firstChunk = onlySummary(registry, "gen_ai.client.operation.time_to_first_chunk");
			assertThat(firstChunk.getId().getBaseUnit()).isEqualTo("s");
			assertThat(bounds(firstChunk)).containsExactly(CLIENT_DURATION_BUCKETS);
			assertThat(tags(firstChunk)).containsEntry("gen_ai.operation.name", "chat")
				.containsEntry("gen_ai.provider.name", "openai")
				.containsEntry("gen_ai.request.model", "gpt-4o-mini")
				.containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18");
			assertThat(firstChunk.count()).isEqualTo(1);
			// the first chunk comes 40 ms after subscription, the stream ends after four of them
			assertThat(firstChunk.totalAmount()).isGreaterThanOrEqualTo(0.04).isLessThan(5.0);
			assertThat(countAt(firstChunk, 0.02)).isZero();
			DistributionSummary duration = onlySummary(registry, "gen_ai.client.operation.duration");
			assertThat(duration.totalAmount()).isGreaterThanOrEqualTo(0.16)
				.isGreaterThan(firstChunk.totalAmount());
			assertThat(tokenUsage(registry, "input").totalAmount()).isEqualTo(9);
			assertThat(tokenUsage(registry, "output").totalAmount()).isEqualTo(3);
		});
	}

	@Test
	void modelToolAndAgentNamesBeyondTheCapAreRecordedAsOther() {
		this.runner.withPropertyValues("ag2.tracing.metrics.max-distinct-names=2").run((context) -> {
			ManyNames names = context.getBean(ManyNames.class);
			for (String model : List.of("model-a", "model-b", "model-c", "model-d", "model-a")) {
				names.complete(request(model));
			}
			names.toolA();
			names.toolB();
			names.toolC();
			names.toolD();
			names.agentA();
			names.agentB();
			names.agentC();
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			Map<String, Long> callsByModel = summaries(registry, "gen_ai.client.operation.duration").stream()
				.collect(Collectors.toMap((summary) -> summary.getId().getTag("gen_ai.request.model"),
						DistributionSummary::count));
			assertThat(callsByModel)
				.containsExactlyInAnyOrderEntriesOf(Map.of("model-a", 2L, "model-b", 1L, "_OTHER", 2L));
			Map<String, Long> callsByTool = summaries(registry, "gen_ai.execute_tool.duration").stream()
				.collect(Collectors.toMap((summary) -> summary.getId().getTag("gen_ai.tool.name"),
						DistributionSummary::count));
			assertThat(callsByTool).containsExactlyInAnyOrderEntriesOf(Map.of("tool_a", 1L, "tool_b", 1L, "_OTHER", 2L));
			Set<String> agents = summaries(registry, "gen_ai.invoke_agent.duration").stream()
				.map((summary) -> summary.getId().getTag("gen_ai.agent.name"))
				.collect(Collectors.toSet());
			assertThat(agents).containsExactlyInAnyOrder("agent_a", "agent_b", "_OTHER");
		});
	}

	@Test
	void aMeterRemovedFromTheRegistryIsRegisteredAgainByTheNextCall() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			FailingModel model = context.getBean(FailingModel.class);
			model.completeFine(request("gpt-4o-mini"));
			registry.remove(onlySummary(registry, "gen_ai.client.operation.duration"));
			assertThat(summaries(registry, "gen_ai.client.operation.duration")).isEmpty();

			model.completeFine(request("gpt-4o-mini"));
			assertThat(onlySummary(registry, "gen_ai.client.operation.duration").count()).isEqualTo(1);
			assertThat(tokenUsage(registry, "input").count()).isEqualTo(2);
		});
	}

	@Test
	void metricsCanBeTurnedOff() {
		this.runner.withPropertyValues("ag2.tracing.metrics.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(GenAiMetrics.class)
				.doesNotHaveBean(Ag2OperationListener.class)
				.doesNotHaveBean(ForeignGenAiMeters.class);
			context.getBean(WeatherChat.class).chat("Paris");
			assertThat(context.getBean(MeterRegistry.class).find("gen_ai.client.operation.duration").meters()).isEmpty();
		});
	}

	@Test
	void tracingTurnedOffRecordsNoMetricsAndDeniesNothing() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(MeterRegistry.class)
				.doesNotHaveBean(GenAiMetrics.class)
				.doesNotHaveBean(ForeignGenAiMeters.class);
			GenAiMetricsPrometheusTests.springAiRecordsItsTokenUsage(context.getBean(MeterRegistry.class));
			assertThat(context.getBean(MeterRegistry.class).find("gen_ai.client.token.usage").counters()).hasSize(3);
		});
	}

	@Test
	void withoutAMeterRegistryNothingIsRecordedAndCallsWork() {
		TracingContextRunners.withInMemoryExporter()
			.withConfiguration(AutoConfigurations.of(Ag2TracingMetricsAutoConfiguration.class))
			.withUserConfiguration(AgentsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class).doesNotHaveBean(GenAiMetrics.class);
				assertThat(context.getBean(WeatherChat.class).chat("Paris")).isEqualTo("Sunny in Paris");
			});
	}

	@Test
	void aRegistryThatFailsToRecordNeitherBreaksTheCallNorItsSpan() {
		MeterFilter failing = new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				if (id.getName().equals("gen_ai.execute_tool.duration")) {
					throw new IllegalStateException("registry refuses");
				}
				return id;
			}

		};
		this.runner.withBean("failingFilter", MeterFilter.class, () -> failing).run((context) -> {
			assertThat(context.getBean(WeatherTools.class).getWeather("Paris")).isEqualTo("sunny");
			SpanData tool = TracingContextRunners.awaitSpans(context, 1).span("execute_tool get_weather");
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(context.getBean(WeatherChat.class).chat("Paris")).isEqualTo("Sunny in Paris");
			assertThat(summaries(context.getBean(MeterRegistry.class), "gen_ai.client.operation.duration"))
				.singleElement()
				.satisfies((duration) -> assertThat(duration.count()).isEqualTo(2));
		});
	}

	static Map<String, Object> request(String model) {
		return Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "hi")));
	}

	static List<DistributionSummary> summaries(MeterRegistry registry, String name) {
		return List.copyOf(registry.find(name).summaries());
	}

	static DistributionSummary onlySummary(MeterRegistry registry, String name) {
		List<DistributionSummary> all = summaries(registry, name);
		assertThat(all).as(name).hasSize(1);
		return all.get(0);
	}

	static DistributionSummary summary(MeterRegistry registry, String name, String tagKey, String tagValue) {
		DistributionSummary summary = registry.find(name).tag(tagKey, tagValue).summary();
		assertThat(summary).as(name + " with " + tagKey + "=" + tagValue).isNotNull();
		return summary;
	}

	static Counter onlyCounter(MeterRegistry registry, String name) {
		List<Counter> all = List.copyOf(registry.find(name).counters());
		assertThat(all).as(name).hasSize(1);
		return all.get(0);
	}

	static DistributionSummary tokenUsage(MeterRegistry registry, String type) {
		return summary(registry, "gen_ai.client.token.usage", "gen_ai.token.type", type);
	}

	static Map<String, String> tags(Meter meter) {
		Map<String, String> tags = new HashMap<>();
		for (Tag tag : meter.getId().getTags()) {
			tags.put(tag.getKey(), tag.getValue());
		}
		return tags;
	}

	static double[] bounds(DistributionSummary summary) {
		return Arrays.stream(summary.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::bucket).toArray();
	}

	/** How many recorded values are at most {@code bound} (a bucket of the histogram). */
	static double countAt(DistributionSummary summary, double bound) {
		return Arrays.stream(summary.takeSnapshot().histogramCounts())
			.filter((bucket) -> bucket.bucket() == bound)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no bucket " + bound))
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class AgentsConfiguration {

		@Bean
		OpenAiModel openAiModel() {
			return new OpenAiModel();
		}

		@Bean
		Assistant assistant(OpenAiModel model) {
			return new Assistant(model);
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		ToolUser toolUser(WeatherTools tools) {
			return new ToolUser(tools);
		}

		@Bean
		WeatherChat weatherChat(Assistant assistant, ToolUser toolUser) {
			return new WeatherChat(assistant, toolUser);
		}

		@Bean
		FailingModel failingModel() {
			return new FailingModel();
		}

		@Bean
		StreamingModel streamingModel() {
			return new StreamingModel();
		}

		@Bean
		ManyNames manyNames() {
			return new ManyNames();
		}

	}

	/** A model behind an OpenAI-compatible API: asks for the tool first, then answers. */
	@LlmClient(provider = "OpenAI")
	static class OpenAiModel {

		static final Map<String, Object> FIRST = completion("tool_calls", 41, 22, 0.0012);

		static final Map<String, Object> SECOND = completion("stop", 300, 3, 0.0030);

		private int calls;

		public Map<String, Object> complete(Map<String, Object> request) {
			return (this.calls++ % 2 == 0) ? FIRST : SECOND;
		}

		static Map<String, Object> completion(String finishReason, int input, int output, double cost) {
			Map<String, Object> choice = new HashMap<>();
			choice.put("index", 0);
			choice.put("message", Map.of("role", "assistant", "content", "Sunny"));
			choice.put("finish_reason", finishReason);
			return Map.of("id", "chatcmpl-1", "model", "gpt-4o-mini-2024-07-18", "choices", List.of(choice), "usage",
					Map.of("prompt_tokens", input, "completion_tokens", output, "cost", cost));
		}

	}

	@Agent(name = "assistant", provider = "openai", model = "gpt-4o-mini")
	static class Assistant {

		final OpenAiModel llm;

		Assistant(OpenAiModel llm) {
			this.llm = llm;
		}

		public String turn(String city) {
			this.llm.complete(request("gpt-4o-mini"));
			return "Sunny in " + city;
		}

	}

	static class WeatherTools {

		@Tool(name = "get_weather", description = "Weather of a city")
		public String getWeather(String city) {
			return "sunny";
		}

	}

	@Agent(name = "tool_user")
	static class ToolUser {

		private final WeatherTools tools;

		ToolUser(WeatherTools tools) {
			this.tools = tools;
		}

		public String turn(String city) {
			return this.tools.getWeather(city);
		}

	}

	static class WeatherChat {

		private final Assistant assistant;

		private final ToolUser toolUser;

		WeatherChat(Assistant assistant, ToolUser toolUser) {
			this.assistant = assistant;
			this.toolUser = toolUser;
		}

		@Conversation(agent = "user_proxy")
		public String chat(String city) {
			this.assistant.turn(city);
			this.toolUser.turn(city);
			return this.assistant.turn(city);
		}

	}

	@LlmClient(provider = "openai")
	static class FailingModel {

		public Map<String, Object> complete(Map<String, Object> request) {
			throw new IllegalStateException("model overloaded");
		}

		public Map<String, Object> completeFine(Map<String, Object> request) {
			return OpenAiModel.FIRST;
		}

	}

	static class StreamingModel {

		@LlmClient(provider = "openai")
		public Flux<Map<String, Object>> stream(Map<String, Object> request) {
			return Flux.just(chunk("Hel", null), chunk("lo there", null), chunk("!", "stop"),
					Map.<String, Object>of("id", "chatcmpl-9", "model", "gpt-4o-mini-2024-07-18", "choices", List.of(),
							"usage", Map.of("prompt_tokens", 9, "completion_tokens", 3)))
				.delayElements(Duration.ofMillis(40));
		}

		private static Map<String, Object> chunk(String text, String finishReason) {
			Map<String, Object> choice = new HashMap<>();
			choice.put("index", 0);
			choice.put("delta", Map.of("content", text));
			choice.put("finish_reason", finishReason);
			return Map.of("id", "chatcmpl-9", "model", "gpt-4o-mini-2024-07-18", "object", "chat.completion.chunk",
					"choices", List.of(choice));
		}

	}

	/** More models, tools and agents than a cap of two. */
	static class ManyNames {

		@LlmClient(provider = "openai")
		public Map<String, Object> complete(Map<String, Object> request) {
			return Map.of("choices", List.of());
		}

		@Tool(name = "tool_a")
		public String toolA() {
			return "a";
		}

		@Tool(name = "tool_b")
		public String toolB() {
			return "b";
		}

		@Tool(name = "tool_c")
		public String toolC() {
			return "c";
		}

		@Tool(name = "tool_d")
		public String toolD() {
			return "d";
		}

		@Agent(name = "agent_a")
		public String agentA() {
			return "a";
		}

		@Agent(name = "agent_b")
		public String agentB() {
			return "b";
		}

		@Agent(name = "agent_c")
		public String agentC() {
			return "c";
		}

	}

}
