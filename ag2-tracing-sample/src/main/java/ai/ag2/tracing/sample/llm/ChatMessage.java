package ai.ag2.tracing.sample.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message of a chat, in the OpenAI chat-completion roles: {@code system}, {@code user},
 * {@code assistant} (possibly asking for tool calls) and {@code tool} (a tool's result).
 *
 * @param role who speaks
 * @param name the agent that spoke, if any
 * @param content the text ({@code null} for an assistant message that only calls tools)
 * @param toolCalls tools the assistant asks to call
 * @param toolCallId for a {@code tool} message, the call it answers
 */
public record ChatMessage(String role, @Nullable String name, @Nullable String content, List<ToolCall> toolCalls,
		@Nullable String toolCallId) {

	public static ChatMessage system(String content) {
		return new ChatMessage("system", null, content, List.of(), null);
	}

	public static ChatMessage user(String name, String content) {
		return new ChatMessage("user", name, content, List.of(), null);
	}

	public static ChatMessage assistant(String name, ChatReply reply) {
		return new ChatMessage("assistant", name, reply.content(), reply.toolCalls(), null);
	}

	public static ChatMessage toolResult(ToolCall call, String result) {
		return new ChatMessage("tool", null, result, List.of(), call.id());
	}

	/** The content, or an empty string. */
	public String text() {
		return (this.content != null) ? this.content : "";
	}

}
