package ai.ag2.tracing.sample.llm;

/**
 * A chat-completion model, as the sample's agents see it. Each implementation is an
 * {@code @LlmClient}, so every call is a {@code chat {model}} span.
 */
public interface LanguageModel {

	/** Send the conversation and return the model's next message. */
	ChatReply chat(ChatRequest request);

}
