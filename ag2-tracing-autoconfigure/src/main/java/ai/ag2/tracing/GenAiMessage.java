package ai.ag2.tracing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message sent to or received from a model, in the GenAI semantic conventions' parts schema:
 * serialised as {@code {"role":"user","parts":[{"type":"text","content":"…"}]}}.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param parts the parts of the message
 * @param finishReason why the model stopped (output messages only)
 */
public record GenAiMessage(String role, List<Part> parts, @Nullable String finishReason) {

	public GenAiMessage {
		parts = List.copyOf(parts);
	}

	/** A message made of one text part. */
	public static GenAiMessage text(String role, String content) {
		return new GenAiMessage(role, List.of(Part.text(content)), null);
	}

	/** This message with a finish reason (for output messages). */
	public GenAiMessage withFinishReason(@Nullable String reason) {
		return new GenAiMessage(this.role, this.parts, reason);
	}

	/**
	 * One part of a message.
	 *
	 * @param type {@code text}, {@code tool_call}, {@code tool_call_response} or {@code reasoning}
	 * @param content text of a {@code text} part
	 * @param id tool call id of a {@code tool_call} or {@code tool_call_response} part
	 * @param name tool name of a {@code tool_call} part
	 * @param arguments arguments of a {@code tool_call} part (a JSON string, a map or an object)
	 * @param response result of a {@code tool_call_response} part
	 */
	public record Part(String type, @Nullable String content, @Nullable String id, @Nullable String name,
			@Nullable Object arguments, @Nullable Object response) {

		/** A text part. */
		public static Part text(String content) {
			return new Part("text", content, null, null, null, null);
		}

		/** A request from the model to call a tool. */
		public static Part toolCall(@Nullable String id, String name, @Nullable Object arguments) {
			return new Part("tool_call", null, id, name, arguments, null);
		}

		/** The model's reasoning, where the provider returns it. */
		public static Part reasoning(String content) {
			return new Part("reasoning", content, null, null, null, null);
		}

		/** The result of a tool call sent back to the model. */
		public static Part toolCallResponse(@Nullable String id, @Nullable Object response) {
			return new Part("tool_call_response", null, id, null, null, response);
		}

	}

}
