package ai.ag2.tracing.internal.openai;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.GenAiMessage.Part;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmStreamAggregator;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputContent;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import org.jspecify.annotations.Nullable;

import static ai.ag2.tracing.internal.openai.ChatCompletionReader.set;
import static ai.ag2.tracing.internal.openai.SdkValues.get;
import static ai.ag2.tracing.internal.openai.SdkValues.optional;

/**
 * Reads the SDK's Responses API types, a call the conventions count as {@code chat}: request
 * parameters, {@code instructions} (system instructions) and {@code input} items of a
 * {@link ResponseCreateParams}; id, model, usage and the {@code output[]} items of a
 * {@link Response} (messages, function calls, reasoning summaries); and the terminal events of a
 * stream, which carry the whole response. The API has no finish reason: one is derived from the
 * status ({@code completed} is {@code stop}, or {@code tool_calls} when the output calls
 * functions; {@code incomplete} is {@code length} or {@code content_filter}; {@code failed} is
 * {@code error}).
 */
final class ResponsesReader {

	private ResponsesReader() {
	}

	static void request(ResponseCreateParams params, LlmCallDetails details, boolean captureContent) {
		details.setProviderName(ChatCompletionReader.PROVIDER);
		ResponsesModel model = optional("model", () -> params.model());
		if (model != null) {
			set(get("model", () -> name(model)), details::setRequestModel);
		}
		set(optional("temperature", () -> params.temperature()), details::setTemperature);
		set(optional("max_output_tokens", () -> params.maxOutputTokens()), details::setMaxTokens);
		set(optional("top_p", () -> params.topP()), details::setTopP);
		if (captureContent) {
			String instructions = optional("instructions", () -> params.instructions());
			if (instructions != null && !instructions.isEmpty()) {
				details.setSystemInstructions(List.of(Part.text(instructions)));
			}
			ResponseCreateParams.Input input = optional("input", () -> params.input());
			List<GenAiMessage> messages = (input != null) ? get("input", () -> input(input)) : null;
			if (messages != null && !messages.isEmpty()) {
				details.setInputMessages(messages);
			}
		}
	}

	private static List<GenAiMessage> input(ResponseCreateParams.Input input) {
		if (input.isText()) {
			return List.of(GenAiMessage.text("user", input.asText()));
		}
		List<GenAiMessage> messages = new ArrayList<>();
		for (ResponseInputItem item : input.asResponse()) {
			GenAiMessage message = get("input item", () -> inputItem(item));
			if (message != null) {
				messages.add(message);
			}
		}
		return messages;
	}

	private static @Nullable GenAiMessage inputItem(ResponseInputItem item) {
		if (item.isEasyInputMessage()) {
			EasyInputMessage message = item.asEasyInputMessage();
			var content = message.content();
			List<Part> parts = content.isTextInput() ? List.of(Part.text(content.asTextInput()))
					: inputParts(content.asResponseInputMessageContentList());
			return new GenAiMessage(message.role().asString(), parts, null);
		}
		if (item.isMessage()) {
			ResponseInputItem.Message message = item.asMessage();
			return new GenAiMessage(message.role().asString(), inputParts(message.content()), null);
		}
		if (item.isResponseOutputMessage()) {
			return new GenAiMessage("assistant", outputParts(item.asResponseOutputMessage()), null);
		}
		if (item.isFunctionCall()) {
			ResponseFunctionToolCall call = item.asFunctionCall();
			return new GenAiMessage("assistant", List.of(Part.toolCall(call.callId(), call.name(), call.arguments())),
					null);
		}
		if (item.isFunctionCallOutput()) {
			ResponseInputItem.FunctionCallOutput output = item.asFunctionCallOutput();
			Object result = output.output().isString() ? output.output().asString() : null;
			return new GenAiMessage("tool", List.of(Part.toolCallResponse(output.callId(), result)), null);
		}
		return null;
	}

	private static List<Part> inputParts(List<ResponseInputContent> content) {
		List<Part> parts = new ArrayList<>(content.size());
		for (ResponseInputContent part : content) {
			if (part.isInputText()) {
				parts.add(Part.text(part.asInputText().text()));
			}
		}
		return parts;
	}

	private static List<Part> outputParts(ResponseOutputMessage message) {
		List<Part> parts = new ArrayList<>(1);
		for (ResponseOutputMessage.Content content : message.content()) {
			if (content.isOutputText()) {
				parts.add(Part.text(content.asOutputText().text()));
			}
			else if (content.isRefusal()) {
				parts.add(Part.text(content.asRefusal().refusal()));
			}
		}
		return parts;
	}

	static void response(Response response, LlmCallDetails details, boolean captureContent) {
		set(get("id", () -> response.id()), details::setResponseId);
		set(get("model", () -> name(response.model())), details::setResponseModel);
		List<ResponseOutputItem> output = get("output", () -> response.output());
		boolean callsFunctions = false;
		List<Part> parts = new ArrayList<>();
		if (output != null) {
			for (ResponseOutputItem item : output) {
				if (item.isFunctionCall()) {
					callsFunctions = true;
				}
				if (captureContent) {
					List<Part> read = get("output item", () -> outputItem(item));
					if (read != null) {
						parts.addAll(read);
					}
				}
			}
		}
		String reason = get("status", () -> finishReason(response));
		String finishReason = ("stop".equals(reason) && callsFunctions) ? "tool_calls" : reason;
		if (finishReason != null) {
			details.setFinishReasons(List.of(finishReason));
		}
		if (captureContent && !parts.isEmpty()) {
			details.setOutputMessages(List.of(new GenAiMessage("assistant", parts, finishReason)));
		}
		ResponseUsage usage = optional("usage", () -> response.usage());
		if (usage != null) {
			set(get("input_tokens", () -> usage.inputTokens()), details::setInputTokens);
			set(get("output_tokens", () -> usage.outputTokens()), details::setOutputTokens);
			set(get("cached_tokens", () -> usage.inputTokensDetails().cachedTokens()),
					details::setCacheReadInputTokens);
			set(get("reasoning_tokens", () -> usage.outputTokensDetails().reasoningTokens()),
					details::setReasoningOutputTokens);
		}
	}

	private static List<Part> outputItem(ResponseOutputItem item) {
		if (item.isMessage()) {
			return outputParts(item.asMessage());
		}
		if (item.isFunctionCall()) {
			ResponseFunctionToolCall call = item.asFunctionCall();
			return List.of(Part.toolCall(call.callId(), call.name(), call.arguments()));
		}
		if (item.isReasoning()) {
			List<Part> parts = new ArrayList<>();
			item.asReasoning().summary().forEach((summary) -> parts.add(Part.reasoning(summary.text())));
			return parts;
		}
		return List.of();
	}

	// A union of a plain string, a chat model and a Responses-only model.
	private static String name(ResponsesModel model) {
		if (model.isChat()) {
			return model.asChat().asString();
		}
		return model.isOnly() ? model.asOnly().asString() : model.asString();
	}

	private static @Nullable String finishReason(Response response) {
		var status = response.status().orElse(null);
		if (status == null) {
			return null;
		}
		return switch (status.asString()) {
			case "completed" -> "stop";
			case "incomplete" -> {
				var details = response.incompleteDetails().flatMap(Response.IncompleteDetails::reason).orElse(null);
				yield (details != null && details.asString().equals("content_filter")) ? "content_filter" : "length";
			}
			case "failed" -> "error";
			default -> null;
		};
	}

	/**
	 * One event of a streamed response: the terminal events ({@code response.completed},
	 * {@code incomplete}, {@code failed}) carry the whole response, read as an unstreamed one.
	 */
	static void event(ResponseStreamEvent event, LlmStreamAggregator stream) {
		Response response = terminalResponse(event);
		if (response != null) {
			response(response, stream.details(), stream.capturesContent());
		}
	}

	private static @Nullable Response terminalResponse(ResponseStreamEvent event) {
		var completed = optional("completed event", () -> event.completed());
		if (completed != null) {
			return get("response", () -> completed.response());
		}
		var incomplete = optional("incomplete event", () -> event.incomplete());
		if (incomplete != null) {
			return get("response", () -> incomplete.response());
		}
		var failed = optional("failed event", () -> event.failed());
		return (failed != null) ? get("response", () -> failed.response()) : null;
	}

}
