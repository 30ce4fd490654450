package ai.ag2.tracing.sample.llm;

import java.util.List;

/**
 * A chat-completion request: the model, the messages so far and the tools on offer.
 *
 * @param model the model to ask
 * @param messages the conversation, system message first
 * @param tools the tools the model may call
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolDefinition> tools) {

	/** The last message, the one the model answers. */
	public ChatMessage lastMessage() {
		return this.messages.get(this.messages.size() - 1);
	}

	/** The system message, or an empty string. */
	public String systemMessage() {
		return this.messages.stream().filter((message) -> "system".equals(message.role())).map(ChatMessage::text)
			.findFirst().orElse("");
	}

}
