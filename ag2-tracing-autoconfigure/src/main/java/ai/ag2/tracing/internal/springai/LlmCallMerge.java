package ai.ag2.tracing.internal.springai;

import ai.ag2.tracing.LlmCallDetails;
import org.jspecify.annotations.Nullable;

/**
 * Adds one model call that Spring AI observed inside an ag2 {@code @LlmClient} call to that call's
 * details: usage and cost are summed over the model calls (a tool loop makes several), the
 * response is the latest call's, and the request is the first call's unless ag2 read it already.
 */
final class LlmCallMerge {

	private LlmCallMerge() {
	}

	static void into(LlmCallDetails outer, LlmCallDetails call) {
		synchronized (outer) {
			synchronized (call) {
				outer.setInputTokens(sum(outer.getInputTokens(), call.getInputTokens()));
				outer.setOutputTokens(sum(outer.getOutputTokens(), call.getOutputTokens()));
				outer.setCacheReadInputTokens(sum(outer.getCacheReadInputTokens(), call.getCacheReadInputTokens()));
				outer.setCacheCreationInputTokens(
						sum(outer.getCacheCreationInputTokens(), call.getCacheCreationInputTokens()));
				outer.setReasoningOutputTokens(sum(outer.getReasoningOutputTokens(), call.getReasoningOutputTokens()));
				if (call.getCost() != null) {
					outer.setCost((outer.getCost() != null) ? outer.getCost() + call.getCost() : call.getCost());
				}
				if (call.getResponseModel() != null) {
					outer.setResponseModel(call.getResponseModel());
				}
				if (call.getResponseId() != null) {
					outer.setResponseId(call.getResponseId());
				}
				if (call.getFinishReasons() != null) {
					outer.setFinishReasons(call.getFinishReasons());
				}
				if (call.getOutputMessages() != null) {
					outer.setOutputMessages(call.getOutputMessages());
				}
				// usage and response were taken above; the request side fills what the outer call lacks
				LlmCallDetails request = new LlmCallDetails().setProviderName(call.getProviderName())
					.setServerAddress(call.getServerAddress())
					.setServerPort(call.getServerPort())
					.setStream(call.getStream())
					.setRequestModel(call.getRequestModel())
					.setTemperature(call.getTemperature())
					.setMaxTokens(call.getMaxTokens())
					.setTopP(call.getTopP())
					.setFrequencyPenalty(call.getFrequencyPenalty())
					.setPresencePenalty(call.getPresencePenalty())
					.setStopSequences(call.getStopSequences())
					.setSeed(call.getSeed())
					.setSystemInstructions(call.getSystemInstructions())
					.setInputMessages(call.getInputMessages());
				outer.fillMissingFrom(request);
			}
		}
	}

	private static @Nullable Long sum(@Nullable Long first, @Nullable Long second) {
		if (first == null) {
			return second;
		}
		return (second != null) ? first + second : first;
	}

}
