package ai.ag2.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * One operation ag2-tracing records as a span (a conversation, an agent turn, an LLM or tool call,
 * …), as {@link Ag2OperationListener}s see it: what it is, what it carries, how long it took and
 * how it ended. Operations of library spans that ag2 adopts (Spring AI's observations, say) are
 * seen the same way.
 * <p>
 * Values that are only known at the end ({@link #durationNanos()}, {@link #errorType()}, usage)
 * are set when {@link Ag2OperationListener#onEnd} is called.
 */
public interface Ag2Operation {

	/** What kind of operation this is. */
	Ag2SpanType type();

	/** Name of the span. */
	String spanName();

	/** {@code gen_ai.operation.name}, or {@code null} for spans that have none ({@code a2a-execution}, envelopes). */
	@Nullable String operationName();

	/** {@code gen_ai.agent.name} of the operation: the agent taking the turn, or the enclosing turn's agent. */
	@Nullable String agentName();

	/** {@code gen_ai.conversation.id} of the enclosing conversation, if any. */
	@Nullable String conversationId();

	/** {@code gen_ai.tool.name} of a tool call, else {@code null}. */
	@Nullable String toolName();

	/** What is known about an LLM call (models, provider, usage, server, streaming), else {@code null}. */
	@Nullable LlmCallDetails llmCall();

	/** {@code error.type} of an operation that failed; {@code null} while running or when it succeeded. */
	@Nullable String errorType();

	/** {@link System#nanoTime()} when the operation started. */
	long startNanos();

	/** How long the operation took, in nanoseconds; {@code -1} while it is running. */
	long durationNanos();

	/**
	 * Time from the start to the first chunk of a streamed result, in nanoseconds; {@code -1} when
	 * the result is not streamed or no chunk has arrived.
	 */
	long timeToFirstChunkNanos();

	/** The span of the operation ({@link Span#getInvalid()} before it starts). */
	Span span();

	/**
	 * Add an attribute to the operation's span: before the span starts (in
	 * {@link Ag2OperationListener#onStart}) it is set on the span builder, so samplers see it.
	 * {@code null} values are ignored.
	 */
	<T> void setAttribute(AttributeKey<T> key, @Nullable T value);

}
