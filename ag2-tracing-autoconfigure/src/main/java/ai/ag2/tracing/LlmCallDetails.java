package ai.ag2.tracing;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What is known about one LLM call: request parameters, response details, usage and (when content
 * capture is on) the messages. {@link LlmCallExtractor}s fill it from arguments and results;
 * {@link Ag2Span} writes to it from inside the method. Every field is optional: only what is set
 * reaches the span.
 */
public final class LlmCallDetails {

	private @Nullable String providerName;

	private @Nullable String serverAddress;

	private @Nullable Long serverPort;

	private @Nullable Boolean stream;

	private @Nullable String requestModel;

	private @Nullable Double temperature;

	private @Nullable Long maxTokens;

	private @Nullable Double topP;

	private @Nullable Double frequencyPenalty;

	private @Nullable Double presencePenalty;

	private @Nullable List<String> stopSequences;

	private @Nullable Long seed;

	private @Nullable String responseModel;

	private @Nullable String responseId;

	private @Nullable List<String> finishReasons;

	private @Nullable Long inputTokens;

	private @Nullable Long outputTokens;

	private @Nullable Long cacheReadInputTokens;

	private @Nullable Long reasoningOutputTokens;

	private @Nullable Long cacheCreationInputTokens;

	private @Nullable Double cost;

	private @Nullable List<GenAiMessage.Part> systemInstructions;

	private @Nullable List<GenAiMessage> inputMessages;

	private @Nullable List<GenAiMessage> outputMessages;

	/** Provider of the model ({@code gen_ai.provider.name}), normalised when written. */
	public @Nullable String getProviderName() {
		return this.providerName;
	}

	public LlmCallDetails setProviderName(@Nullable String providerName) {
		this.providerName = providerName;
		return this;
	}

	/** Host of the model endpoint ({@code server.address}). */
	public @Nullable String getServerAddress() {
		return this.serverAddress;
	}

	public LlmCallDetails setServerAddress(@Nullable String serverAddress) {
		this.serverAddress = serverAddress;
		return this;
	}

	/** Port of the model endpoint ({@code server.port}). */
	public @Nullable Long getServerPort() {
		return this.serverPort;
	}

	public LlmCallDetails setServerPort(@Nullable Long serverPort) {
		this.serverPort = serverPort;
		return this;
	}

	/** Whether the response is streamed ({@code gen_ai.request.stream}). */
	public @Nullable Boolean getStream() {
		return this.stream;
	}

	public LlmCallDetails setStream(@Nullable Boolean stream) {
		this.stream = stream;
		return this;
	}

	public @Nullable String getRequestModel() {
		return this.requestModel;
	}

	public LlmCallDetails setRequestModel(@Nullable String requestModel) {
		this.requestModel = requestModel;
		return this;
	}

	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	public LlmCallDetails setTemperature(@Nullable Double temperature) {
		this.temperature = temperature;
		return this;
	}

	public @Nullable Long getMaxTokens() {
		return this.maxTokens;
	}

	public LlmCallDetails setMaxTokens(@Nullable Long maxTokens) {
		this.maxTokens = maxTokens;
		return this;
	}

	public @Nullable Double getTopP() {
		return this.topP;
	}

	public LlmCallDetails setTopP(@Nullable Double topP) {
		this.topP = topP;
		return this;
	}

	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	public LlmCallDetails setFrequencyPenalty(@Nullable Double frequencyPenalty) {
		this.frequencyPenalty = frequencyPenalty;
		return this;
	}

	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	public LlmCallDetails setPresencePenalty(@Nullable Double presencePenalty) {
		this.presencePenalty = presencePenalty;
		return this;
	}

	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	public LlmCallDetails setStopSequences(@Nullable List<String> stopSequences) {
		this.stopSequences = withoutNulls(stopSequences);
		return this;
	}

	public @Nullable Long getSeed() {
		return this.seed;
	}

	public LlmCallDetails setSeed(@Nullable Long seed) {
		this.seed = seed;
		return this;
	}

	public @Nullable String getResponseModel() {
		return this.responseModel;
	}

	public LlmCallDetails setResponseModel(@Nullable String responseModel) {
		this.responseModel = responseModel;
		return this;
	}

	public @Nullable String getResponseId() {
		return this.responseId;
	}

	public LlmCallDetails setResponseId(@Nullable String responseId) {
		this.responseId = responseId;
		return this;
	}

	public @Nullable List<String> getFinishReasons() {
		return this.finishReasons;
	}

	public LlmCallDetails setFinishReasons(@Nullable List<String> finishReasons) {
		this.finishReasons = withoutNulls(finishReasons);
		return this;
	}

	public @Nullable Long getInputTokens() {
		return this.inputTokens;
	}

	public LlmCallDetails setInputTokens(@Nullable Long inputTokens) {
		this.inputTokens = inputTokens;
		return this;
	}

	public @Nullable Long getOutputTokens() {
		return this.outputTokens;
	}

	public LlmCallDetails setOutputTokens(@Nullable Long outputTokens) {
		this.outputTokens = outputTokens;
		return this;
	}

	public @Nullable Long getCacheReadInputTokens() {
		return this.cacheReadInputTokens;
	}

	public LlmCallDetails setCacheReadInputTokens(@Nullable Long cacheReadInputTokens) {
		this.cacheReadInputTokens = cacheReadInputTokens;
		return this;
	}

	public @Nullable Long getReasoningOutputTokens() {
		return this.reasoningOutputTokens;
	}

	public LlmCallDetails setReasoningOutputTokens(@Nullable Long reasoningOutputTokens) {
		this.reasoningOutputTokens = reasoningOutputTokens;
		return this;
	}

	/** Input tokens written to the provider's cache ({@code gen_ai.usage.cache_creation.input_tokens}). */
	public @Nullable Long getCacheCreationInputTokens() {
		return this.cacheCreationInputTokens;
	}

	public LlmCallDetails setCacheCreationInputTokens(@Nullable Long cacheCreationInputTokens) {
		this.cacheCreationInputTokens = cacheCreationInputTokens;
		return this;
	}

	public @Nullable Double getCost() {
		return this.cost;
	}

	public LlmCallDetails setCost(@Nullable Double cost) {
		this.cost = cost;
		return this;
	}

	/** System instructions sent apart from the input messages ({@code gen_ai.system_instructions}). */
	public @Nullable List<GenAiMessage.Part> getSystemInstructions() {
		return this.systemInstructions;
	}

	public LlmCallDetails setSystemInstructions(@Nullable List<GenAiMessage.Part> systemInstructions) {
		this.systemInstructions = (systemInstructions != null) ? new ArrayList<>(systemInstructions) : null;
		return this;
	}

	public @Nullable List<GenAiMessage> getInputMessages() {
		return this.inputMessages;
	}

	public LlmCallDetails setInputMessages(@Nullable List<GenAiMessage> inputMessages) {
		this.inputMessages = (inputMessages != null) ? new ArrayList<>(inputMessages) : null;
		return this;
	}

	public @Nullable List<GenAiMessage> getOutputMessages() {
		return this.outputMessages;
	}

	public LlmCallDetails setOutputMessages(@Nullable List<GenAiMessage> outputMessages) {
		this.outputMessages = (outputMessages != null) ? new ArrayList<>(outputMessages) : null;
		return this;
	}

	/**
	 * Copy every field that is set in {@code other} and not set here: values already set (for
	 * example through {@link Ag2Span}) win over values extracted later.
	 * @param other details to take missing values from
	 */
	public void fillMissingFrom(LlmCallDetails other) {
		this.providerName = first(this.providerName, other.providerName);
		this.serverAddress = first(this.serverAddress, other.serverAddress);
		this.serverPort = first(this.serverPort, other.serverPort);
		this.stream = first(this.stream, other.stream);
		this.requestModel = first(this.requestModel, other.requestModel);
		this.temperature = first(this.temperature, other.temperature);
		this.maxTokens = first(this.maxTokens, other.maxTokens);
		this.topP = first(this.topP, other.topP);
		this.frequencyPenalty = first(this.frequencyPenalty, other.frequencyPenalty);
		this.presencePenalty = first(this.presencePenalty, other.presencePenalty);
		this.stopSequences = first(this.stopSequences, other.stopSequences);
		this.seed = first(this.seed, other.seed);
		this.responseModel = first(this.responseModel, other.responseModel);
		this.responseId = first(this.responseId, other.responseId);
		this.finishReasons = first(this.finishReasons, other.finishReasons);
		this.inputTokens = first(this.inputTokens, other.inputTokens);
		this.outputTokens = first(this.outputTokens, other.outputTokens);
		this.cacheReadInputTokens = first(this.cacheReadInputTokens, other.cacheReadInputTokens);
		this.reasoningOutputTokens = first(this.reasoningOutputTokens, other.reasoningOutputTokens);
		this.cacheCreationInputTokens = first(this.cacheCreationInputTokens, other.cacheCreationInputTokens);
		this.cost = first(this.cost, other.cost);
		this.systemInstructions = first(this.systemInstructions, other.systemInstructions);
		this.inputMessages = first(this.inputMessages, other.inputMessages);
		this.outputMessages = first(this.outputMessages, other.outputMessages);
	}

	// Providers leave gaps (a filtered choice has no finish reason): keep the values, drop the gaps.
	// An unmodifiable copy, made without a stream (a pipeline costs more than the list it copies).
	private static @Nullable List<String> withoutNulls(@Nullable List<String> values) {
		if (values == null) {
			return null;
		}
		for (String value : values) {
			if (value == null) {
				List<String> kept = new ArrayList<>(values.size());
				for (String each : values) {
					if (each != null) {
						kept.add(each);
					}
				}
				return List.copyOf(kept);
			}
		}
		return List.copyOf(values);
	}

	private static <T> @Nullable T first(@Nullable T mine, @Nullable T theirs) {
		return (mine != null) ? mine : theirs;
	}

}
