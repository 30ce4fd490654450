package ai.ag2.tracing.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.OtlpHttpReceiver;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the starter's OTLP meter registry exporting, the GenAI metrics of the sample's tool-call
 * chat (two LLM calls, a tool, three agent turns) reach an OTLP/HTTP collector as protobuf
 * histograms in seconds and tokens, with the conventions' explicit bucket boundaries, attributes
 * and counts: Micrometer's OTLP registry would send timers in milliseconds.
 */
@SpringBootTest(properties = { "sample.run-walkthrough=false", "ag2.tracing.console.enabled=false",
		"management.otlp.metrics.export.enabled=true", "management.otlp.metrics.export.step=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class OtlpMetricsExportTests {

	private static final List<Double> CLIENT_DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
			2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

	private static final List<Double> AGENT_DURATION_BUCKETS = List.of(0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6,
			51.2, 102.4, 204.8, 409.6);

	private static final List<Double> TOKEN_BUCKETS = List.of(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0,
			65536.0, 262144.0, 1048576.0, 4194304.0, 16777216.0, 67108864.0);

	private static final OtlpHttpReceiver collector = OtlpHttpReceiver.start();

	@Autowired
	private Walkthrough walkthrough;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Autowired
	private OtlpMeterRegistry meterRegistry;

	@DynamicPropertySource
	static void otlpMetricsUrl(DynamicPropertyRegistry registry) {
		registry.add("management.otlp.metrics.export.url", collector::metricsUrl);
	}

	// The registry's last export (on close) still finds the collector; the context, its registry
	// closed, is not cached for other tests.
	@AfterAll
	void closeRegistryThenCollector() {
		this.meterRegistry.close();
		collector.close();
	}

	@Test
	void toolChatMetricsReachTheCollectorAsHistogramsInSecondsAndTokens() throws Exception {
		SharedInMemorySpanExporter.SPANS.reset();
		this.walkthrough.toolCall();
		List<SpanData> spans = SharedInMemorySpanExporter
			.awaitCompleteTrace(() -> this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS));
		List<SpanData> chats = spans.stream().filter((span) -> span.getName().equals("chat gpt-4o-mini")).toList();
		assertThat(chats).hasSize(2);

		Map<String, Metric> metrics = awaitExportAfter(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
		assertThat(metrics).containsKeys("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
				"gen_ai.execute_tool.duration", "gen_ai.invoke_agent.duration");

		Metric duration = metrics.get("gen_ai.client.operation.duration");
		assertThat(duration.getUnit()).isEqualTo("s");
		assertThat(duration.getDataCase()).isEqualTo(Metric.DataCase.HISTOGRAM);
		assertThat(duration.getHistogram().getAggregationTemporality())
			.isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
		HistogramDataPoint calls = duration.getHistogram().getDataPointsList().stream().collect(single());
		assertThat(attributes(calls.getAttributesList())).containsEntry("gen_ai.operation.name", "chat")
			.containsEntry("gen_ai.provider.name", "openai")
			.containsEntry("gen_ai.request.model", "gpt-4o-mini")
			.containsEntry("gen_ai.agent.name", "tool_agent")
			.doesNotContainKey("error.type");
		assertThat(calls.getCount()).isEqualTo(2);
		assertThat(calls.getExplicitBoundsList()).containsExactlyElementsOf(CLIENT_DURATION_BUCKETS);
		assertThat(calls.getBucketCountsList()).hasSize(CLIENT_DURATION_BUCKETS.size() + 1);
		assertThat(calls.getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
		// seconds: two scripted calls take well under a second, their sum in milliseconds would not
		assertThat(calls.getSum()).isPositive().isLessThan(1.0);

		Metric tokens = metrics.get("gen_ai.client.token.usage");
		assertThat(tokens.getUnit()).isEqualTo("{token}");
		Map<String, HistogramDataPoint> byType = new HashMap<>();
		tokens.getHistogram()
			.getDataPointsList()
			.forEach((point) -> byType.put(attributes(point.getAttributesList()).get("gen_ai.token.type"), point));
		assertThat(byType).containsOnlyKeys("input", "output");
		assertThat(byType.get("input").getCount()).isEqualTo(2);
		assertThat(byType.get("input").getSum()).isEqualTo(sum(chats, Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS));
		assertThat(byType.get("output").getSum()).isEqualTo(sum(chats, Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS));
		assertThat(byType.get("input").getExplicitBoundsList()).containsExactlyElementsOf(TOKEN_BUCKETS);

		HistogramDataPoint tool = metrics.get("gen_ai.execute_tool.duration")
			.getHistogram()
			.getDataPointsList()
			.stream()
			.collect(single());
		assertThat(metrics.get("gen_ai.execute_tool.duration").getUnit()).isEqualTo("s");
		assertThat(attributes(tool.getAttributesList())).containsEntry("gen_ai.tool.name", "get_weather")
			.containsEntry("gen_ai.tool.type", "function")
			.containsEntry("gen_ai.agent.name", "tool_user");
		assertThat(tool.getCount()).isEqualTo(1);
		assertThat(tool.getExplicitBoundsList()).containsExactlyElementsOf(CLIENT_DURATION_BUCKETS);

		Metric turns = metrics.get("gen_ai.invoke_agent.duration");
		assertThat(turns.getUnit()).isEqualTo("s");
		Map<String, Long> turnsByAgent = new HashMap<>();
		turns.getHistogram().getDataPointsList().forEach((point) -> {
			assertThat(point.getExplicitBoundsList()).containsExactlyElementsOf(AGENT_DURATION_BUCKETS);
			turnsByAgent.put(attributes(point.getAttributesList()).get("gen_ai.agent.name"), point.getCount());
		});
		assertThat(turnsByAgent).containsExactlyInAnyOrderEntriesOf(Map.of("tool_agent", 2L, "tool_user", 1L));
	}

	/**
	 * The GenAI metrics of the first export taken at or after {@code epochNanos}: the registry
	 * exports cumulative values every step, and one taken while a call was being recorded would
	 * have some of its meters and not others.
	 */
	private static Map<String, Metric> awaitExportAfter(long epochNanos) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			for (ExportMetricsServiceRequest request : collector.receivedMetrics()) {
				Map<String, Metric> metrics = genAiMetrics(request);
				Metric duration = metrics.get("gen_ai.client.operation.duration");
				if (duration != null && duration.getHistogram()
					.getDataPointsList()
					.stream()
					.allMatch((point) -> point.getTimeUnixNano() >= epochNanos)) {
					return metrics;
				}
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		throw new AssertionError("no export taken after the chat within 15 s; received "
				+ collector.receivedMetrics().size() + " exports");
	}

	private static Map<String, Metric> genAiMetrics(ExportMetricsServiceRequest request) {
		Map<String, Metric> metrics = new HashMap<>();
		for (ResourceMetrics resource : request.getResourceMetricsList()) {
			assertThat(attributes(resource.getResource().getAttributesList())).containsEntry("service.name",
					"ag2-tracing-sample");
			resource.getScopeMetricsList()
				.forEach((scope) -> scope.getMetricsList()
					.stream()
					.filter((metric) -> metric.getName().startsWith("gen_ai."))
					.forEach((metric) -> metrics.put(metric.getName(), metric)));
		}
		return metrics;
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		Map<String, String> values = new HashMap<>();
		attributes.forEach((attribute) -> values.put(attribute.getKey(), attribute.getValue().getStringValue()));
		return values;
	}

	private static double sum(List<SpanData> spans, io.opentelemetry.api.common.AttributeKey<Long> key) {
		return spans.stream().map((span) -> span.getAttributes().get(key)).filter(Objects::nonNull)
			.mapToLong(Long::longValue).sum();
	}

	private static <T> java.util.stream.Collector<T, ?, T> single() {
		return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), (list) -> {
			assertThat(list).hasSize(1);
			return list.get(0);
		});
	}

}
