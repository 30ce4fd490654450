package ai.ag2.tracing.sample.llm;

import java.util.List;

/**
 * What the model answered.
 *
 * @param content the text (empty when it only calls tools)
 * @param toolCalls the tools it asks to call
 * @param finishReason why it stopped: {@code stop}, {@code tool_calls}, {@code length}, …
 * @param model the model that answered
 */
public record ChatReply(String content, List<ToolCall> toolCalls, String finishReason, String model) {

	public static ChatReply text(String content, String model) {
		return new ChatReply(content, List.of(), "stop", model);
	}

}
