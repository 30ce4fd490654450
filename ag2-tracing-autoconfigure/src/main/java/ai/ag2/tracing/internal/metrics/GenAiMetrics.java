package ai.ag2.tracing.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
	private static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
			4194304, 16777216, 67108864 };

	/** Advised boundaries of the LLM call, first-chunk and tool durations: 0.01 s doubling to 81.92 s. */
	private static final double[] CLIENT_DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
			5.12, 10.24, 20.48, 40.96, 81.92 };

	/** Advised boundaries of {@code gen_ai.invoke_agent.duration}: 0.1 s doubling to 409.6 s. */
	private static final double[] AGENT_DURATION_BUCKETS = { 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4,
			204.8, 409.6 };

	/** Unit of the durations: seconds, as the conventions write it. */
	static final String SECONDS = "s";

	/** Unit of the token counts, as the conventions write it. */
	static final String TOKENS = "{token}";

	static final String TOKEN_USAGE_DESCRIPTION = "Number of input and output tokens used, per LLM call (ag2)";

	static final String OPERATION_DURATION_DESCRIPTION = "Duration of each LLM call (ag2)";

	static final String TIME_TO_FIRST_CHUNK_DESCRIPTION = "Time to the first chunk of each streamed LLM call (ag2)";

	static final String INVOKE_AGENT_DURATION_DESCRIPTION = "Duration of each agent turn (ag2)";

	static final String EXECUTE_TOOL_DURATION_DESCRIPTION = "Duration of each tool call (ag2)";

	static final String COST_DESCRIPTION = "Cost of LLM calls, in the unit the application gives costs in (ag2)";

	private static final String SERVER_ADDRESS = ServerAttributes.SERVER_ADDRESS.getKey();

	private static final String SERVER_PORT = ServerAttributes.SERVER_PORT.getKey();

	private static final String ERROR_TYPE = ErrorAttributes.ERROR_TYPE.getKey();

	private static final int MAX_CACHED_COMBINATIONS = 4096;

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

	private final Map<Object, Object> meters = new ConcurrentHashMap<>();

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
		registry.config().onMeterRemoved(this::forgetMetersIfOurs);
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
	static final Map<String, String> DESCRIPTIONS = Map.of(Ag2Attributes.METRIC_CLIENT_TOKEN_USAGE,
			TOKEN_USAGE_DESCRIPTION, Ag2Attributes.METRIC_CLIENT_OPERATION_DURATION, OPERATION_DURATION_DESCRIPTION,
			Ag2Attributes.METRIC_CLIENT_TIME_TO_FIRST_CHUNK, TIME_TO_FIRST_CHUNK_DESCRIPTION,
			Ag2Attributes.METRIC_INVOKE_AGENT_DURATION, INVOKE_AGENT_DURATION_DESCRIPTION,
			Ag2Attributes.METRIC_EXECUTE_TOOL_DURATION, EXECUTE_TOOL_DURATION_DESCRIPTION,
			Ag2Attributes.METRIC_USAGE_COST, COST_DESCRIPTION);

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
		// the values as the operation has them: normalized and folded once per combination, when its meters are made
		LlmKey key = new LlmKey(operationName(operation, Ag2SpanType.LLM), llm.getProviderName(), llm.getRequestModel(),
				llm.getResponseModel(), operation.agentName(), llm.getServerAddress(), llm.getServerPort(),
				operation.errorType());
		Object known = this.meters.get(key);
		LlmMeters meters = (known != null) ? (LlmMeters) known : remember(key, new LlmMeters(key.normalized(this)));
		long duration = operation.durationNanos();
		if (duration >= 0) {
			meters.duration().record(seconds(duration));
		}
		long firstChunk = operation.timeToFirstChunkNanos();
		if (firstChunk >= 0) {
			meters.timeToFirstChunk().record(seconds(firstChunk));
		}
		Long input = llm.getInputTokens();
		if (input != null && input >= 0) {
			meters.inputTokens().record(input);
		}
		Long output = llm.getOutputTokens();
		if (output != null && output >= 0) {
			meters.outputTokens().record(output);
		}
		Double cost = llm.getCost();
		// a counter only goes up: a negative or undefined cost is left out rather than subtracted
		if (cost != null && cost >= 0 && Double.isFinite(cost)) {
			meters.cost().increment(cost);
		}
	}

	private void recordAgentTurn(Ag2Operation operation) {
		long duration = operation.durationNanos();
		if (duration < 0) {
			return;
		}
		// an agent bound to one model carries it on its span only
		AgentKey key = new AgentKey(operationName(operation, Ag2SpanType.AGENT), operation.agentName(),
				spanAttribute(operation, Ag2Attributes.GEN_AI_PROVIDER_NAME),
				spanAttribute(operation, Ag2Attributes.GEN_AI_REQUEST_MODEL), operation.errorType());
		Object known = this.meters.get(key);
		DistributionSummary meter = (known != null) ? (DistributionSummary) known
				: remember(key, this.agentDuration.withTags(key.normalized(this).tags()));
		meter.record(seconds(duration));
	}

	private void recordToolCall(Ag2Operation operation) {
		long duration = operation.durationNanos();
		if (duration < 0) {
			return;
		}
		ToolKey key = new ToolKey(operationName(operation, Ag2SpanType.TOOL), operation.toolName(),
				spanAttribute(operation, Ag2Attributes.GEN_AI_TOOL_TYPE), operation.agentName(), operation.errorType());
		Object known = this.meters.get(key);
		DistributionSummary meter = (known != null) ? (DistributionSummary) known
				: remember(key, this.toolDuration.withTags(key.normalized(this).tags()));
		meter.record(seconds(duration));
	}

	// Meters per combination of the operation's values, so that a call costs one small key rather
	// than normalizing, folding, tags, ids and registry look-ups; bounded, and forgotten whenever one
	// of ag2's meters leaves the registry.
	@SuppressWarnings("unchecked")
	private <V> V remember(Object key, V created) {
		if (this.meters.size() < MAX_CACHED_COMBINATIONS) {
			Object raced = this.meters.putIfAbsent(key, created);
			if (raced != null) {
				return (V) raced;
			}
		}
		return created;
	}

	private void forgetMetersIfOurs(Meter removed) {
		if (DESCRIPTIONS.containsKey(removed.getId().getName())) {
			this.meters.clear();
		}
	}

	private static @Nullable String fold(@Nullable String name, BoundedNames names) {
		return (name != null && !name.isEmpty()) ? names.fold(name) : null;
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? value : null;
	}

	private static String operationName(Ag2Operation operation, Ag2SpanType type) {
		String name = operation.operationName();
		return (name != null && !name.isEmpty()) ? name : String.valueOf(type.operationName());
	}

	private static void add(List<Tag> tags, AttributeKey<String> key, @Nullable String value) {
		add(tags, key.getKey(), value);
	}

	private static void add(List<Tag> tags, String key, @Nullable String value) {
		if (value != null) {
			tags.add(Tag.of(key, value));
		}
	}

	private static @Nullable String spanAttribute(Ag2Operation operation, AttributeKey<String> key) {
		return SDK_PRESENT ? SdkSpans.attribute(operation.span(), key) : null;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/** The tag values of an LLM call's meters (as the operation has them, or normalized). */
	private record LlmKey(String operation, @Nullable String provider, @Nullable String requestModel,
			@Nullable String responseModel, @Nullable String agent, @Nullable String serverAddress,
			@Nullable Long serverPort, @Nullable String errorType) {

		LlmKey normalized(GenAiMetrics metrics) {
			String address = emptyToNull(this.serverAddress);
			return new LlmKey(this.operation, ProviderNames.normalize(this.provider),
					fold(this.requestModel, metrics.models), fold(this.responseModel, metrics.models),
					fold(this.agent, metrics.agents), address, (address != null) ? this.serverPort : null,
					emptyToNull(this.errorType));
		}

		// without error.type: the conventions give it to the duration only
		Tags tags() {
			List<Tag> tags = new ArrayList<>(8);
			add(tags, Ag2Attributes.GEN_AI_OPERATION_NAME, this.operation);
			add(tags, Ag2Attributes.GEN_AI_PROVIDER_NAME, this.provider);
			add(tags, Ag2Attributes.GEN_AI_REQUEST_MODEL, this.requestModel);
			add(tags, Ag2Attributes.GEN_AI_RESPONSE_MODEL, this.responseModel);
			add(tags, Ag2Attributes.GEN_AI_AGENT_NAME, this.agent);
			add(tags, SERVER_ADDRESS, this.serverAddress);
			add(tags, SERVER_PORT, (this.serverPort != null) ? Long.toString(this.serverPort) : null);
			return Tags.of(tags);
		}

	}

	/** The tag values of an agent turn's duration (as the operation has them, or normalized). */
	private record AgentKey(String operation, @Nullable String agent, @Nullable String provider,
			@Nullable String requestModel, @Nullable String errorType) {

		AgentKey normalized(GenAiMetrics metrics) {
			return new AgentKey(this.operation, fold(this.agent, metrics.agents), emptyToNull(this.provider),
					fold(this.requestModel, metrics.models), emptyToNull(this.errorType));
		}

		Tags tags() {
			List<Tag> tags = new ArrayList<>(5);
			add(tags, Ag2Attributes.GEN_AI_OPERATION_NAME, this.operation);
			add(tags, Ag2Attributes.GEN_AI_AGENT_NAME, this.agent);
			add(tags, Ag2Attributes.GEN_AI_PROVIDER_NAME, this.provider);
			add(tags, Ag2Attributes.GEN_AI_REQUEST_MODEL, this.requestModel);
			add(tags, ERROR_TYPE, this.errorType);
			return Tags.of(tags);
		}

	}

	/** The tag values of a tool call's duration (as the operation has them, or normalized). */
	private record ToolKey(String operation, @Nullable String tool, @Nullable String toolType,
			@Nullable String agent, @Nullable String errorType) {

		ToolKey normalized(GenAiMetrics metrics) {
			return new ToolKey(this.operation, fold(this.tool, metrics.tools), emptyToNull(this.toolType),
					fold(this.agent, metrics.agents), emptyToNull(this.errorType));
		}

		Tags tags() {
			List<Tag> tags = new ArrayList<>(5);
			add(tags, Ag2Attributes.GEN_AI_OPERATION_NAME, this.operation);
			add(tags, Ag2Attributes.GEN_AI_TOOL_NAME, this.tool);
			add(tags, Ag2Attributes.GEN_AI_TOOL_TYPE, this.toolType);
			add(tags, Ag2Attributes.GEN_AI_AGENT_NAME, this.agent);
			add(tags, ERROR_TYPE, this.errorType);
			return Tags.of(tags);
		}

	}

	/** The meters of one combination of an LLM call's tag values, each registered on first use. */
	private final class LlmMeters {

		private final Tags tags;

		private final @Nullable String errorType;

		private volatile @Nullable DistributionSummary duration;

		private volatile @Nullable DistributionSummary timeToFirstChunk;

		private volatile @Nullable DistributionSummary inputTokens;

		private volatile @Nullable DistributionSummary outputTokens;

		private volatile @Nullable Counter cost;

		LlmMeters(LlmKey key) {
			this.tags = key.tags();
			this.errorType = key.errorType();
		}

		DistributionSummary duration() {
			DistributionSummary meter = this.duration;
			if (meter == null) {
				Tags withError = (this.errorType != null) ? this.tags.and(ERROR_TYPE, this.errorType) : this.tags;
				meter = GenAiMetrics.this.operationDuration.withTags(withError);
				this.duration = meter;
			}
			return meter;
		}

		DistributionSummary timeToFirstChunk() {
			DistributionSummary meter = this.timeToFirstChunk;
			if (meter == null) {
				meter = GenAiMetrics.this.timeToFirstChunk.withTags(this.tags);
				this.timeToFirstChunk = meter;
			}
			return meter;
		}

		DistributionSummary inputTokens() {
			DistributionSummary meter = this.inputTokens;
			if (meter == null) {
				meter = GenAiMetrics.this.tokenUsage
					.withTags(this.tags.and(Ag2Attributes.GEN_AI_TOKEN_TYPE, Ag2Attributes.TOKEN_TYPE_INPUT));
				this.inputTokens = meter;
			}
			return meter;
		}

		DistributionSummary outputTokens() {
			DistributionSummary meter = this.outputTokens;
			if (meter == null) {
				meter = GenAiMetrics.this.tokenUsage
					.withTags(this.tags.and(Ag2Attributes.GEN_AI_TOKEN_TYPE, Ag2Attributes.TOKEN_TYPE_OUTPUT));
				this.outputTokens = meter;
			}
			return meter;
		}

		Counter cost() {
			Counter meter = this.cost;
			if (meter == null) {
				meter = GenAiMetrics.this.cost.withTags(this.tags);
				this.cost = meter;
			}
			return meter;
		}

	}

	/** Kept apart so that the SDK's classes load only when the SDK is present. */
	private static final class SdkSpans {

		static @Nullable String attribute(Span span, AttributeKey<String> key) {
			return (span instanceof io.opentelemetry.sdk.trace.ReadableSpan readable) ? readable.getAttribute(key)
					: null;
		}

	}

}
