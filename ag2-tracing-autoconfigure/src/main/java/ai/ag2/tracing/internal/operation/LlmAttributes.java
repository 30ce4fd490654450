package ai.ag2.tracing.internal.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.ProviderNames;
import ai.ag2.tracing.internal.content.ContentCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link LlmCallDetails} onto an LLM span, whoever filled them (extractors of an
 * {@code @LlmClient} call, {@code Ag2Span}, a library integration): the span name
 * {@code {operation} {model}}, provider, endpoint and request parameters, response, usage, time to
 * first chunk and, with content capture on, the messages.
 */
final class LlmAttributes {

	private static final Set<String> SYSTEM_ROLES = Set.of("system", "developer");

	private LlmAttributes() {
	}

	static String spanName(@Nullable String operationName, @Nullable String requestModel) {
		String operation = (operationName != null) ? operationName : "chat";
		return (requestModel == null || requestModel.isEmpty()) ? operation : operation + ' ' + requestModel;
	}

	// Whether name is spanName(operationName, requestModel), without making that string.
	static boolean isSpanName(String name, @Nullable String operationName, @Nullable String requestModel) {
		String operation = (operationName != null) ? operationName : "chat";
		if (requestModel == null || requestModel.isEmpty()) {
			return name.equals(operation);
		}
		return name.length() == operation.length() + 1 + requestModel.length() && name.startsWith(operation)
				&& name.charAt(operation.length()) == ' ' && name.endsWith(requestModel);
	}

	/** What samplers should see: provider, model, endpoint, streaming. */
	static void writeStart(Operation operation, LlmCallDetails details) {
		writeStart(operation, details, false);
	}

	// onlyChanged: skip a value the span started with, as writeEnd does for a span ag2 started (a
	// span attribute written twice is a second map entry made and dropped).
	private static void writeStart(Operation operation, LlmCallDetails details, boolean onlyChanged) {
		set(operation, Ag2Attributes.GEN_AI_PROVIDER_NAME, ProviderNames.normalize(details.getProviderName()),
				onlyChanged);
		set(operation, Ag2Attributes.GEN_AI_REQUEST_MODEL, details.getRequestModel(), onlyChanged);
		set(operation, ServerAttributes.SERVER_ADDRESS, details.getServerAddress(), onlyChanged);
		set(operation, ServerAttributes.SERVER_PORT, details.getServerPort(), onlyChanged);
		set(operation, Ag2Attributes.GEN_AI_REQUEST_STREAM, details.getStream(), onlyChanged);
	}

	// Null values and empty strings are not written.
	private static <T> void set(Operation operation, AttributeKey<T> key, @Nullable T value, boolean onlyChanged) {
		if (value == null || (value instanceof String text && text.isEmpty())
				|| (onlyChanged && operation.startedWith(key, value))) {
			return;
		}
		operation.setAttribute(key, value);
	}

	/** Everything else, and what changed since the start (a model set through {@code Ag2Span}). */
	static void writeEnd(Operation operation, LlmCallDetails details, ContentCapture content) {
		// another instrumentation's span may have written these keys since: there ag2's values win
		writeStart(operation, details, operation.ownsSpan());
		// a span ag2 started was named from the model it started with: only a new model renames it
		if (operation.ownsSpan() && !startedWithModel(operation, details)
				&& !isSpanName(operation.spanName(), operation.operationName(), details.getRequestModel())) {
			String name = spanName(operation.operationName(), details.getRequestModel());
			operation.setSpanName(name);
			operation.span().updateName(name);
		}
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, details.getTemperature());
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, details.getMaxTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_TOP_P, details.getTopP());
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_FREQUENCY_PENALTY, details.getFrequencyPenalty());
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_PRESENCE_PENALTY, details.getPresencePenalty());
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_STOP_SEQUENCES, details.getStopSequences());
		operation.setAttribute(Ag2Attributes.GEN_AI_REQUEST_SEED, details.getSeed());
		operation.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_MODEL, details.getResponseModel());
		operation.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_ID, details.getResponseId());
		operation.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, details.getFinishReasons());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, details.getInputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, details.getOutputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, details.getCacheReadInputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
				details.getCacheCreationInputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, details.getReasoningOutputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_COST, details.getCost());
		long firstChunk = operation.timeToFirstChunkNanos();
		if (firstChunk >= 0) {
			operation.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, firstChunk / 1e9);
		}
		if (content.isEnabled()) {
			List<GenAiMessage.Part> instructions = details.getSystemInstructions();
			List<GenAiMessage> input = details.getInputMessages();
			if (input != null) {
				// DESIGN §5: system prompts are system instructions, not input messages, whatever the reader did
				List<GenAiMessage.Part> fromMessages = new ArrayList<>();
				List<GenAiMessage> chat = new ArrayList<>(input.size());
				for (GenAiMessage message : input) {
					if (SYSTEM_ROLES.contains(message.role())) {
						fromMessages.addAll(message.parts());
					}
					else {
						chat.add(message);
					}
				}
				if (!fromMessages.isEmpty()) {
					instructions = (instructions != null) ? concat(instructions, fromMessages) : fromMessages;
					input = chat;
				}
			}
			operation.setAttribute(Ag2Attributes.GEN_AI_SYSTEM_INSTRUCTIONS,
					(instructions != null && !instructions.isEmpty()) ? content.json(instructions) : null);
			operation.setAttribute(Ag2Attributes.GEN_AI_INPUT_MESSAGES, content.json(input));
			operation.setAttribute(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, content.json(details.getOutputMessages()));
		}
	}

	private static boolean startedWithModel(Operation operation, LlmCallDetails details) {
		String model = details.getRequestModel();
		return model != null && operation.startedWith(Ag2Attributes.GEN_AI_REQUEST_MODEL, model);
	}

	private static List<GenAiMessage.Part> concat(List<GenAiMessage.Part> first, List<GenAiMessage.Part> second) {
		List<GenAiMessage.Part> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
