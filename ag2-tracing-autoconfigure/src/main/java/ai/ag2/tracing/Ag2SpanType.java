package ai.ag2.tracing;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of span ag2-tracing records, each with its {@code ag2.span.type} value and its
 * {@code gen_ai.operation.name}.
 */
public enum Ag2SpanType {

	/** A conversation between agents ({@code @Conversation}). */
	CONVERSATION("conversation", "conversation"),

	/** Several conversations started together ({@code @MultiConversation}). */
	MULTI_CONVERSATION("multi_conversation", "initiate_chats"),

	/** One agent turn ({@code @Agent}). */
	AGENT("agent", "invoke_agent"),

	/** One call to a language model ({@code @LlmClient}). */
	LLM("llm", "chat"),

	/** One tool call ({@code @Tool}). */
	TOOL("tool", "execute_tool"),

	/** One code execution ({@code @CodeExecution}). */
	CODE_EXECUTION("code_execution", "execute_code"),

	/** One wait for human input ({@code @HumanInput}). */
	HUMAN_INPUT("human_input", "await_human_input"),

	/** One choice of the next speaker ({@code @SpeakerSelection}). */
	SPEAKER_SELECTION("speaker_selection", "speaker_selection"),

	/** An inbound request on a traced path, served for a remote caller. */
	A2A_EXECUTION("a2a_execution", null),

	/** A message one agent sends to others over a messaging channel, topic or queue. */
	ENVELOPE("envelope", null),

	/**
	 * One Model Context Protocol request or notification other than a client's tool call
	 * ({@code initialize}, {@code tools/list}, {@code resources/read}, …), and every request an
	 * MCP server handles; {@code gen_ai.operation.name} is {@code execute_tool} on a server's
	 * {@code tools/call} and absent otherwise (a client's {@code tools/call} is a {@link #TOOL}).
	 */
	MCP("mcp", null);

	private final String value;

	private final @Nullable String operationName;

	Ag2SpanType(String value, @Nullable String operationName) {
		this.value = value;
		this.operationName = operationName;
	}

	/** The {@code ag2.span.type} attribute value. */
	public String value() {
		return this.value;
	}

	/**
	 * The default {@code gen_ai.operation.name}, or {@code null} for {@link #A2A_EXECUTION},
	 * {@link #ENVELOPE} (a message is not a GenAI operation) and {@link #MCP} (the MCP conventions
	 * name only tool calls).
	 */
	public @Nullable String operationName() {
		return this.operationName;
	}

}
