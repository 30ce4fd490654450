package ai.ag2.tracing.internal.metrics;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.ProviderNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The OpenTelemetry GenAI metrics of every operation ag2 records (its own annotations and the
 * library calls it adopts), as an {@link Ag2OperationListener}: per LLM call the token usage, the
 * duration, the time to the first chunk of a streamed call and the cost; per agent turn and per
 * tool call the duration. Histograms with the semantic conventions' names, units and advised
 * bucket boundaries, tagged with their attributes; model, tool and agent names are bounded
 * ({@link BoundedNames}).
 * <p>
 * Durations are {@link DistributionSummary distribution summaries} in seconds (unit {@code s}), not
 * timers: a timer takes the registry's base time unit, milliseconds in Micrometer's OTLP registry,
 * where the conventions want seconds and their bucket boundaries. {@link PrometheusUnits} gives
 * the Prometheus registry its own unit names ({@code _seconds}, no {@code {token}} suffix).
 * <p>
 * Internal API: may change without notice.
 */
public final class GenAiMetrics implements Ag2OperationListener {

	/** Advised boundaries of {@code gen_ai.client.token.usage}: 1, 4, 16, … up to 4^13. */
	public static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
			4194304, 16777216, 67108864 };

	/** Advised boundaries of the LLM call, first-chunk and tool durations: 0.01 s doubling to 81.92 s. */
	public static final double[] CLIENT_DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
			5.12, 10.24, 20.48, 40.96, 81.92 };

	/** Advised boundaries of {@code gen_ai.invoke_agent.duration}: 0.1 s doubling to 409.6 s. */
	public static final double[] AGENT_DURATION_BUCKETS = { 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4,
			204.8, 409.6 };

	/** Unit of the durations: seconds, as the conventions write it. */
	public static final String SECONDS = "s";

	/** Unit of the token counts, as the conventions write it. */
	public static final String TOKENS = "{token}";

	static final String TOKEN_USAGE_DESCRIPTION = "Number of input and output tokens used, per LLM call (ag2)";

	static final String OPERATION_DURATION_DESCRIPTION = "Duration of each LLM call (ag2)";

	static final String TIME_TO_FIRST_CHUNK_DESCRIPTION = "Time to the first chunk of each streamed LLM call (ag2)";

	static final String INVOKE_AGENT_DURATION_DESCRIPTION = "Duration of each agent turn (ag2)";

	static final String EXECUTE_TOOL_DURATION_DESCRIPTION = "Duration of each tool call (ag2)";

	static final String COST_DESCRIPTION = "Cost of LLM calls, in the unit the application gives costs in (ag2)";

	private static final String SERVER_ADDRESS = ServerAttributes.SERVER_ADDRESS.getKey();

	private static final String SERVER_PORT = ServerAttributes.SERVER_PORT.getKey();

	private static final String ERROR_TYPE = ErrorAttributes.ERROR_TYPE.getKey();

	private static final boolean SDK_PRESENT = ClassUtils.isPresent("io.opentelemetry.sdk.trace.ReadableSpan",
			GenAiMetrics.class.getClassLoader());

	private final Meter.MeterProvider<DistributionSummary> tokenUsage;

	private final Meter.MeterProvider<DistributionSummary> operationDuration;

	private final Meter.MeterProvider<DistributionSummary> timeToFirstChunk;

	private final Meter.MeterProvider<DistributionSummary> agentDuration;

	private final Meter.MeterProvider<DistributionSummary> toolDuration;

	private final Meter.MeterProvider<Counter> cost;

	private final BoundedNames models;

	private final BoundedNames tools;

	private final BoundedNames agents;

	/**
	 * Metrics recorded in {@code registry}.
	 * @param maxDistinctNames how many distinct model, tool and agent names to keep, each
	 */
	public GenAiMetrics(MeterRegistry registry, int maxDistinctNames) {
		this.tokenUsage = histogram(Ag2Attributes.METRIC_CLIENT_TOKEN_USAGE, TOKENS, TOKEN_USAGE_DESCRIPTION,
				TOKEN_BUCKETS, registry);
		this.operationDuration = histogram(Ag2Attributes.METRIC_CLIENT_OPERATION_DURATION, SECONDS,
				OPERATION_DURATION_DESCRIPTION, CLIENT_DURATION_BUCKETS, registry);
		this.timeToFirstChunk = histogram(Ag2Attributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK, SECONDS,
				TIME_TO_FIRST_CHUNK_DESCRIPTION, CLIENT_DURATION_BUCKETS, registry);
		this.agentDuration = histogram(Ag2Attributes.METRIC_INVOKE_AGENT_DURATION, SECONDS,
				INVOKE_AGENT_DURATION_DESCRIPTION, AGENT_DURATION_BUCKETS, registry);
		this.toolDuration = histogram(Ag2Attributes.METRIC_EXECUTE_TOOL_DURATION, SECONDS,
				EXECUTE_TOOL_DURATION_DESCRIPTION, CLIENT_DURATION_BUCKETS, registry);
		this.cost = Counter.builder(Ag2Attributes.METRIC_USAGE_COST).description(COST_DESCRIPTION).withRegistry(registry);
		this.models = new BoundedNames(maxDistinctNames);
		this.tools = new BoundedNames(maxDistinctNames);
		this.agents = new BoundedNames(maxDistinctNames);
	}

	private static Meter.MeterProvider<DistributionSummary> histogram(String name, String unit, String description,
			double[] buckets, MeterRegistry registry) {
		return DistributionSummary.builder(name)
			.baseUnit(unit)
			.description(description)
			.serviceLevelObjectives(buckets)
			.publishPercentileHistogram(false)
			.withRegistry(registry);
	}

	/**
	 * The descriptions of ag2's meters by name: a meter of one of these names with another
	 * description is not ag2's ({@link ForeignGenAiMeters}).
	 */
	static List<String[]> namesAndDescriptions() {
		return List.of(new String[] { Ag2Attributes.METRIC_CLIENT_TOKEN_USAGE, TOKEN_USAGE_DESCRIPTION },
				new String[] { Ag2Attributes.METRIC_CLIENT_OPERATION_DURATION, OPERATION_DURATION_DESCRIPTION },
				new String[] { Ag2Attributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK, TIME_TO_FIRST_CHUNK_DESCRIPTION },
				new String[] { Ag2Attributes.METRIC_INVOKE_AGENT_DURATION, INVOKE_AGENT_DURATION_DESCRIPTION },
				new String[] { Ag2Attributes.METRIC_EXECUTE_TOOL_DURATION, EXECUTE_TOOL_DURATION_DESCRIPTION },
				new String[] { Ag2Attributes.METRIC_USAGE_COST, COST_DESCRIPTION });
	}

	@Override
	public void onEnd(Ag2Operation operation) {
		Ag2SpanType type = operation.type();
		if (type == Ag2SpanType.LLM) {
			recordLlmCall(operation);
		}
		else if (type == Ag2SpanType.AGENT) {
			recordAgentTurn(operation);
		}
		else if (type == Ag2SpanType.TOOL) {
			recordToolCall(operation);
		}
	}

	private void recordLlmCall(Ag2Operation operation) {
		LlmCallDetails llm = operation.llmCall();
		if (llm == null) {
			llm = new LlmCallDetails();
		}
		List<Tag> tags = new ArrayList<>(9);
		add(tags, Ag2Attributes.GEN_AI_OPERATION_NAME, operationName(operation, Ag2SpanType.LLM));
		add(tags, Ag2Attributes.GEN_AI_PROVIDER_NAME, ProviderNames.normalize(llm.getProviderName()));
		addFolded(tags, Ag2Attributes.GEN_AI_REQUEST_MODEL, llm.getRequestModel(), this.models);
		addFolded(tags, Ag2Attributes.GEN_AI_RESPONSE_MODEL, llm.getResponseModel(), this.models);
		addFolded(tags, Ag2Attributes.GEN_AI_AGENT_NAME, operation.agentName(), this.agents);
		add(tags, SERVER_ADDRESS, llm.getServerAddress());
		Long port = llm.getServerPort();
		if (port != null && llm.getServerAddress() != null) {
			tags.add(Tag.of(SERVER_PORT, Long.toString(port)));
		}
		Tags common = Tags.of(tags);
		long duration = operation.durationNanos();
		if (duration >= 0) {
			this.operationDuration.withTags(withError(common, operation)).record(seconds(duration));
		}
		long firstChunk = operation.timeToFirstChunkNanos();
		if (firstChunk >= 0) {
			this.timeToFirstChunk.withTags(common).record(seconds(firstChunk));
		}
		Long input = llm.getInputTokens();
		if (input != null && input >= 0) {
			this.tokenUsage.withTags(common.and(Ag2Attributes.GEN_AI_TOKEN_TYPE, Ag2Attributes.TOKEN_TYPE_INPUT))
				.record(input);
		}
		Long output = llm.getOutputTokens();
		if (output != null && output >= 0) {
			this.tokenUsage.withTags(common.and(Ag2Attributes.GEN_AI_TOKEN_TYPE, Ag2Attributes.TOKEN_TYPE_OUTPUT))
				.record(output);
		}
		Double cost = llm.getCost();
		// a counter only goes up: a negative or undefined cost is left out rather than subtracted
		if (cost != null && cost >= 0 && Double.isFinite(cost)) {
			this.cost.withTags(common).increment(cost);
		}
	}

	private void recordAgentTurn(Ag2Operation operation) {
		long duration = operation.durationNanos();
		if (duration < 0) {
			return;
		}
		List<Tag> tags = new ArrayList<>(5);
		add(tags, Ag2Attributes.GEN_AI_OPERATION_NAME, operationName(operation, Ag2SpanType.AGENT));
		addFolded(tags, Ag2Attributes.GEN_AI_AGENT_NAME, operation.agentName(), this.agents);
		// an agent bound to one model carries it on its span only
		add(tags, Ag2Attributes.GEN_AI_PROVIDER_NAME, spanAttribute(operation, Ag2Attributes.GEN_AI_PROVIDER_NAME));
		addFolded(tags, Ag2Attributes.GEN_AI_REQUEST_MODEL,
				spanAttribute(operation, Ag2Attributes.GEN_AI_REQUEST_MODEL), this.models);
		add(tags, ERROR_TYPE, operation.errorType());
		this.agentDuration.withTags(tags).record(seconds(duration));
	}

	private void recordToolCall(Ag2Operation operation) {
		long duration = operation.durationNanos();
		if (duration < 0) {
			return;
		}
		List<Tag> tags = new ArrayList<>(5);
		add(tags, Ag2Attributes.GEN_AI_OPERATION_NAME, operationName(operation, Ag2SpanType.TOOL));
		addFolded(tags, Ag2Attributes.GEN_AI_TOOL_NAME, operation.toolName(), this.tools);
		add(tags, Ag2Attributes.GEN_AI_TOOL_TYPE, spanAttribute(operation, Ag2Attributes.GEN_AI_TOOL_TYPE));
		addFolded(tags, Ag2Attributes.GEN_AI_AGENT_NAME, operation.agentName(), this.agents);
		add(tags, ERROR_TYPE, operation.errorType());
		this.toolDuration.withTags(tags).record(seconds(duration));
	}

	private static Tags withError(Tags tags, Ag2Operation operation) {
		String errorType = operation.errorType();
		return (errorType != null && !errorType.isEmpty()) ? tags.and(ERROR_TYPE, errorType) : tags;
	}

	private static String operationName(Ag2Operation operation, Ag2SpanType type) {
		String name = operation.operationName();
		return (name != null && !name.isEmpty()) ? name : String.valueOf(type.operationName());
	}

	private static void add(List<Tag> tags, AttributeKey<String> key, @Nullable String value) {
		add(tags, key.getKey(), value);
	}

	private static void add(List<Tag> tags, String key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			tags.add(Tag.of(key, value));
		}
	}

	private static void addFolded(List<Tag> tags, AttributeKey<String> key, @Nullable String value,
			BoundedNames names) {
		if (value != null && !value.isEmpty()) {
			tags.add(Tag.of(key.getKey(), names.fold(value)));
		}
	}

	private static @Nullable String spanAttribute(Ag2Operation operation, AttributeKey<String> key) {
		return SDK_PRESENT ? SdkSpans.attribute(operation.span(), key) : null;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** Kept apart so that the SDK's classes load only when the SDK is present. */
	private static final class SdkSpans {

		static @Nullable String attribute(Span span, AttributeKey<String> key) {
			return (span instanceof io.opentelemetry.sdk.trace.ReadableSpan readable) ? readable.getAttribute(key)
					: null;
		}

	}

}
