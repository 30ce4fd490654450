package ai.ag2.tracing.sample.agents;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatReply;
import ai.ag2.tracing.sample.llm.ChatRequest;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.ToolDefinition;

/**
 * An agent backed by a language model, like AG2's {@code ConversableAgent}: each
 * {@link #reply(List)} is one turn, an {@code invoke_agent {name}} span whose name is the bean
 * name, with the model's {@code chat} span inside.
 * <p>
 * The class declares one public method on purpose: a type-level {@code @Agent} traces every
 * public method the class declares.
 */
@Agent
public class ConversableAgent {

	private final String systemMessage;

	private final LanguageModel llm;

	private final String model;

	private final List<ToolDefinition> tools;

	public ConversableAgent(String systemMessage, LanguageModel llm, String model, List<ToolDefinition> tools) {
		this.systemMessage = systemMessage;
		this.llm = llm;
		this.model = model;
		this.tools = List.copyOf(tools);
	}

	/** One turn: answer the conversation so far. */
	public ChatReply reply(List<ChatMessage> conversation) {
		List<ChatMessage> messages = new ArrayList<>();
		messages.add(ChatMessage.system(this.systemMessage));
		messages.addAll(conversation);
		return this.llm.chat(new ChatRequest(this.model, messages, this.tools));
	}

}
