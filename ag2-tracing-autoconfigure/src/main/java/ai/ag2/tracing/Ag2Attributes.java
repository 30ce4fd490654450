package ai.ag2.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The vocabulary of ag2-tracing: every span name prefix, attribute key and enumerated value it
 * writes, in one place. GenAI keys follow the OpenTelemetry GenAI semantic conventions; they are
 * defined here because the semconv artifact marks them incubating or lacks them. Stable keys
 * ({@code server.*}, {@code error.type}, {@code http.*}) come from
 * {@code io.opentelemetry.semconv}.
 */
public final class Ag2Attributes {

	/** Instrumentation scope name of every ag2 span. */
	public static final String INSTRUMENTATION_SCOPE = "ai.ag2.tracing";

	// Span names (a prefix followed by a space and the agent, model or tool name, where there is one)

	/** Span name prefix of a conversation: {@code conversation {agent}}. */
	public static final String SPAN_CONVERSATION = "conversation";

	/** Span name of several conversations started together. */
	public static final String SPAN_INITIATE_CHATS = "initiate_chats";

	/** Span name prefix of an agent turn: {@code invoke_agent {name}}. */
	public static final String SPAN_INVOKE_AGENT = "invoke_agent";

	/** Span name prefix of a tool call: {@code execute_tool {name}}. */
	public static final String SPAN_EXECUTE_TOOL = "execute_tool";

	/** Span name prefix of a code execution: {@code execute_code {agent}}. */
	public static final String SPAN_EXECUTE_CODE = "execute_code";

	/** Span name prefix of a wait for human input: {@code await_human_input {agent}}. */
	public static final String SPAN_AWAIT_HUMAN_INPUT = "await_human_input";

	/** Span name of a speaker selection. */
	public static final String SPAN_SPEAKER_SELECTION = "speaker_selection";

	/** Span name of an inbound request served for a remote caller. */
	public static final String SPAN_A2A_EXECUTION = "a2a-execution";

	/** Span name prefix of an envelope: {@code send {channel}}. */
	public static final String SPAN_SEND = "send";

	// ag2 keys

	/** Which kind of ag2 span this is; values from {@link Ag2SpanType#value()}. */
	public static final AttributeKey<String> AG2_SPAN_TYPE = AttributeKey.stringKey("ag2.span.type");

	/** Number of chats started by {@code initiate_chats}. */
	public static final AttributeKey<Long> AG2_CHATS_COUNT = AttributeKey.longKey("ag2.chats.count");

	/** {@link #CHATS_MODE_SEQUENTIAL} or {@link #CHATS_MODE_PARALLEL}. */
	public static final AttributeKey<String> AG2_CHATS_MODE = AttributeKey.stringKey("ag2.chats.mode");

	/** Recipients of the chats started by {@code initiate_chats}. */
	public static final AttributeKey<List<String>> AG2_CHATS_RECIPIENTS = AttributeKey
		.stringArrayKey("ag2.chats.recipients");

	/** Agents that could speak next. */
	public static final AttributeKey<List<String>> AG2_SPEAKER_SELECTION_CANDIDATES = AttributeKey
		.stringArrayKey("ag2.speaker_selection.candidates");

	/** Agent chosen to speak next. */
	public static final AttributeKey<String> AG2_SPEAKER_SELECTION_SELECTED = AttributeKey
		.stringKey("ag2.speaker_selection.selected");

	/** Exit code of a code execution. */
	public static final AttributeKey<Long> AG2_CODE_EXECUTION_EXIT_CODE = AttributeKey
		.longKey("ag2.code_execution.exit_code");

	/** Output of a code execution (content). */
	public static final AttributeKey<String> AG2_CODE_EXECUTION_OUTPUT = AttributeKey
		.stringKey("ag2.code_execution.output");

	/** Prompt shown to the human (content). */
	public static final AttributeKey<String> AG2_HUMAN_INPUT_PROMPT = AttributeKey.stringKey("ag2.human_input.prompt");

	/** What the human answered (content). */
	public static final AttributeKey<String> AG2_HUMAN_INPUT_RESPONSE = AttributeKey
		.stringKey("ag2.human_input.response");

	/** Id of an envelope (ag2 extension), also sent as the {@value #HEADER_ENVELOPE_ID} header. */
	public static final AttributeKey<String> AG2_NETWORK_ENVELOPE_ID = AttributeKey.stringKey("ag2.network.envelope.id");

	/** Agent that sent an envelope, also sent as the {@value #HEADER_SENDER} header. */
	public static final AttributeKey<String> AG2_NETWORK_SENDER = AttributeKey.stringKey("ag2.network.sender");

	/**
	 * Id of the envelope being handled when this one was sent, also sent as the
	 * {@value #HEADER_CAUSATION_ID} header; absent on the first envelope of a chain.
	 */
	public static final AttributeKey<String> AG2_NETWORK_CAUSATION_ID = AttributeKey
		.stringKey("ag2.network.causation_id");

	/** Why a span links to another: {@link #LINK_KIND_ENVELOPE}. */
	public static final AttributeKey<String> AG2_LINK_KIND = AttributeKey.stringKey("ag2.link.kind");

	/** {@code ag2.link.kind} of the link from an agent turn to the envelope it handles. */
	public static final String LINK_KIND_ENVELOPE = "envelope";

	/** {@code ag2.chats.mode} value for chats run one after another. */
	public static final String CHATS_MODE_SEQUENTIAL = "sequential";

	/** {@code ag2.chats.mode} value for chats run at the same time. */
	public static final String CHATS_MODE_PARALLEL = "parallel";

	/** {@code error.type} of a code execution that exited with a non-zero code. */
	public static final String ERROR_TYPE_CODE_EXECUTION = "CodeExecutionError";

	// messaging keys (OpenTelemetry messaging semantic conventions, incubating there)

	/** Messaging operation, {@link #MESSAGING_OPERATION_SEND} for an envelope. */
	public static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey
		.stringKey("messaging.operation.name");

	/** Kind of messaging operation, {@link #MESSAGING_OPERATION_SEND} for an envelope. */
	public static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey
		.stringKey("messaging.operation.type");

	/** Channel, topic or queue an envelope is sent to. */
	public static final AttributeKey<String> MESSAGING_DESTINATION_NAME = AttributeKey
		.stringKey("messaging.destination.name");

	/** Id of the message (Spring Messaging's {@code id} header, when there is one). */
	public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

	/** Conversation an envelope belongs to: the {@code gen_ai.conversation.id} of its sender. */
	public static final AttributeKey<String> MESSAGING_MESSAGE_CONVERSATION_ID = AttributeKey
		.stringKey("messaging.message.conversation_id");

	/** {@code messaging.operation.name} and {@code messaging.operation.type} of an envelope. */
	public static final String MESSAGING_OPERATION_SEND = "send";

	// headers an envelope carries besides traceparent/tracestate

	/** Message header with the envelope id. */
	public static final String HEADER_ENVELOPE_ID = "ag2-envelope-id";

	/** Message header with the sending agent's name. */
	public static final String HEADER_SENDER = "ag2-sender";

	/** Message header with the id of the envelope being handled when this one was sent. */
	public static final String HEADER_CAUSATION_ID = "ag2-causation-id";

	/** Message header with the conversation id of the sender. */
	public static final String HEADER_CONVERSATION_ID = "ag2-conversation-id";

	// JSON-RPC keys (semantic conventions, RPC): MCP and A2A requests alike

	/** Id of a JSON-RPC request, and of its response, as a string. */
	public static final AttributeKey<String> JSONRPC_REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");

	/** The error code of a JSON-RPC error response, as a string, e.g. {@code -32602}. */
	public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE = AttributeKey
		.stringKey("rpc.response.status_code");

	// MCP keys (OpenTelemetry MCP semantic conventions, development there)

	/** Name of the MCP request or notification method, e.g. {@code tools/call}. */
	public static final AttributeKey<String> MCP_METHOD_NAME = AttributeKey.stringKey("mcp.method.name");

	/** MCP session of the request (HTTP transports: the {@code Mcp-Session-Id}). */
	public static final AttributeKey<String> MCP_SESSION_ID = AttributeKey.stringKey("mcp.session.id");

	/** Version of the Model Context Protocol the session negotiated, e.g. {@code 2025-06-18}. */
	public static final AttributeKey<String> MCP_PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");

	/** URI of the resource a {@code resources/*} request names. */
	public static final AttributeKey<String> MCP_RESOURCE_URI = AttributeKey.stringKey("mcp.resource.uri");

	/** Name of the prompt a {@code prompts/get} request names. */
	public static final AttributeKey<String> GEN_AI_PROMPT_NAME = AttributeKey.stringKey("gen_ai.prompt.name");

	/**
	 * Name of the MCP server a client talks to, from its {@code initialize} answer
	 * ({@code serverInfo.name}; ag2 extension, the runner-tracing proposal's {@code tool.server}).
	 */
	public static final AttributeKey<String> AG2_MCP_SERVER_NAME = AttributeKey.stringKey("ag2.mcp.server.name");

	/** Version of the MCP server a client talks to ({@code serverInfo.version}; ag2 extension). */
	public static final AttributeKey<String> AG2_MCP_SERVER_VERSION = AttributeKey.stringKey("ag2.mcp.server.version");

	/** {@code error.type} of a tool call whose result is marked {@code isError}. */
	public static final String ERROR_TYPE_MCP_TOOL_ERROR = "tool_error";

	/** {@code network.transport} of MCP over stdio. */
	public static final String NETWORK_TRANSPORT_PIPE = "pipe";

	/** {@code network.transport} of MCP over HTTP (streamable HTTP, SSE). */
	public static final String NETWORK_TRANSPORT_TCP = "tcp";

	/** The property bag of an MCP message's {@code params} that carries its trace context. */
	public static final String MCP_META = "_meta";

	// gen_ai keys

	/** GenAI operation; values from {@link Ag2SpanType#operationName()}. */
	public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	/** Provider of the model, e.g. {@code openai}. */
	public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

	/** Agent name. */
	public static final AttributeKey<String> GEN_AI_AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");

	/** Agent description. */
	public static final AttributeKey<String> GEN_AI_AGENT_DESCRIPTION = AttributeKey
		.stringKey("gen_ai.agent.description");

	/** Whether the agent runs in another service (ag2 extension). */
	public static final AttributeKey<Boolean> GEN_AI_AGENT_REMOTE = AttributeKey.booleanKey("gen_ai.agent.remote");

	/** Conversation id, on the conversation and every span inside it. */
	public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = AttributeKey
		.stringKey("gen_ai.conversation.id");

	/** Maximum number of turns of a conversation (ag2 extension). */
	public static final AttributeKey<Long> GEN_AI_CONVERSATION_MAX_TURNS = AttributeKey
		.longKey("gen_ai.conversation.max_turns");

	/** Agent turns taken in a conversation (ag2 extension). */
	public static final AttributeKey<Long> GEN_AI_CONVERSATION_TURNS = AttributeKey
		.longKey("gen_ai.conversation.turns");

	/** Requested model. */
	public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	/** Requested temperature. */
	public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = AttributeKey
		.doubleKey("gen_ai.request.temperature");

	/** Requested maximum number of output tokens. */
	public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");

	/** Requested top_p. */
	public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");

	/** Requested top_k. */
	public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_K = AttributeKey.doubleKey("gen_ai.request.top_k");

	/** Requested frequency penalty. */
	public static final AttributeKey<Double> GEN_AI_REQUEST_FREQUENCY_PENALTY = AttributeKey
		.doubleKey("gen_ai.request.frequency_penalty");

	/** Requested presence penalty. */
	public static final AttributeKey<Double> GEN_AI_REQUEST_PRESENCE_PENALTY = AttributeKey
		.doubleKey("gen_ai.request.presence_penalty");

	/** Requested stop sequences. */
	public static final AttributeKey<List<String>> GEN_AI_REQUEST_STOP_SEQUENCES = AttributeKey
		.stringArrayKey("gen_ai.request.stop_sequences");

	/** Requested seed. */
	public static final AttributeKey<Long> GEN_AI_REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");

	/** Whether the response was requested as a stream. */
	public static final AttributeKey<Boolean> GEN_AI_REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");

	/** Seconds from the request to the first chunk of a streamed response. */
	public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = AttributeKey
		.doubleKey("gen_ai.response.time_to_first_chunk");

	/** Model that answered. */
	public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	/** Id of the response. */
	public static final AttributeKey<String> GEN_AI_RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	/** Why the model stopped, one entry per choice. */
	public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	/** Input (prompt) tokens; on a conversation, the sum of the LLM calls inside. */
	public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.input_tokens");

	/** Output (completion) tokens; on a conversation, the sum of the LLM calls inside. */
	public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.output_tokens");

	/**
	 * Input plus output tokens, where a library reports the total (Spring AI): not a key of the
	 * semantic conventions, written as an integer like the others.
	 */
	public static final AttributeKey<Long> GEN_AI_USAGE_TOTAL_TOKENS = AttributeKey
		.longKey("gen_ai.usage.total_tokens");

	/** Input tokens written to the provider's cache. */
	public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.cache_creation.input_tokens");

	/** Input tokens served from the provider's cache. */
	public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.cache_read.input_tokens");

	/** Output tokens spent on reasoning. */
	public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.reasoning.output_tokens");

	/** Cost of the call (ag2 extension); on a conversation, the sum of the LLM calls inside. */
	public static final AttributeKey<Double> GEN_AI_USAGE_COST = AttributeKey.doubleKey("gen_ai.usage.cost");

	/** Tool name. */
	public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	/** Tool type: {@code function}, {@code extension} or {@code datastore}. */
	public static final AttributeKey<String> GEN_AI_TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");

	/** Tool description. */
	public static final AttributeKey<String> GEN_AI_TOOL_DESCRIPTION = AttributeKey
		.stringKey("gen_ai.tool.description");

	/** Id of the tool call, as the model gave it. */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");

	/** Tool arguments as a JSON object of parameter name to value (content). */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = AttributeKey
		.stringKey("gen_ai.tool.call.arguments");

	/** Tool result (content). */
	public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = AttributeKey
		.stringKey("gen_ai.tool.call.result");

	/** System instructions sent apart from the messages, JSON array of GenAI parts (content). */
	public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS = AttributeKey
		.stringKey("gen_ai.system_instructions");

	/** Messages sent to the model, JSON in the GenAI parts schema (content). */
	public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");

	/** Messages the model answered with, JSON in the GenAI parts schema (content). */
	public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

	// A2A keys: the names of the GenAI semantic conventions' A2A proposal (stability: development)

	/** A2A method of a request, e.g. {@code message/send}, {@code message/stream}, {@code tasks/cancel}. */
	public static final AttributeKey<String> A2A_METHOD_NAME = AttributeKey.stringKey("a2a.method.name");

	/** Id of the A2A task a request made or continued. */
	public static final AttributeKey<String> A2A_TASK_ID = AttributeKey.stringKey("a2a.task.id");

	/** State of the A2A task as last seen, e.g. {@code completed}, {@code input-required}, {@code canceled}. */
	public static final AttributeKey<String> A2A_TASK_STATE = AttributeKey.stringKey("a2a.task.state");

	/** {@code a2a.task.state} of a task that was canceled. */
	public static final String A2A_TASK_STATE_CANCELED = "canceled";

	/** The content keys: none of them is written unless content capture is on. */
	public static final List<AttributeKey<?>> CONTENT_KEYS = List.of(GEN_AI_SYSTEM_INSTRUCTIONS, GEN_AI_INPUT_MESSAGES,
			GEN_AI_OUTPUT_MESSAGES,
			GEN_AI_TOOL_CALL_ARGUMENTS, GEN_AI_TOOL_CALL_RESULT, AG2_HUMAN_INPUT_PROMPT, AG2_HUMAN_INPUT_RESPONSE,
			AG2_CODE_EXECUTION_OUTPUT);

	/** Marker appended to captured content cut at {@code ag2.tracing.max-content-length}. */
	public static final String TRUNCATION_MARKER = "...(truncated)";

	// Metrics (the GenAI semantic conventions' names; Micrometer meter names and tag keys)

	/** Histogram of the tokens of each LLM call, {@code {token}}, by {@link #GEN_AI_TOKEN_TYPE}. */
	public static final String METRIC_CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";

	/** Histogram of the duration of each LLM call, in seconds. */
	public static final String METRIC_CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";

	/** Histogram of the time from the start of a streamed LLM call to its first chunk, in seconds. */
	public static final String METRIC_CLIENT_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** Histogram of the duration of each agent turn, in seconds. */
	public static final String METRIC_INVOKE_AGENT_DURATION = "gen_ai.invoke_agent.duration";

	/** Histogram of the duration of each tool call, in seconds. */
	public static final String METRIC_EXECUTE_TOOL_DURATION = "gen_ai.execute_tool.duration";

	/** Counter of the cost of LLM calls, in the unit the application gives costs in (ag2's). */
	public static final String METRIC_USAGE_COST = "gen_ai.usage.cost";

	/** Tag key of token usage: {@link #TOKEN_TYPE_INPUT} or {@link #TOKEN_TYPE_OUTPUT}. */
	public static final String GEN_AI_TOKEN_TYPE = "gen_ai.token.type";

	/** {@link #GEN_AI_TOKEN_TYPE} of input (prompt) tokens. */
	public static final String TOKEN_TYPE_INPUT = "input";

	/** {@link #GEN_AI_TOKEN_TYPE} of output (completion) tokens. */
	public static final String TOKEN_TYPE_OUTPUT = "output";

	/** Tag value that stands for every name beyond {@code ag2.tracing.metrics.max-distinct-names}. */
	public static final String OTHER_VALUE = "_OTHER";

	private Ag2Attributes() {
	}

}
