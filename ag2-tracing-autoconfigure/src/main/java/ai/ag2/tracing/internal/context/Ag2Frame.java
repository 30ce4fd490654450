package ai.ag2.tracing.internal.context;

import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * One open ag2 span as seen by the spans inside it, kept in the OpenTelemetry {@link Context}
 * so that it follows the context across threads: its type, the agent name and conversation that
 * descendants inherit, and (for LLM spans) the details written through {@code Ag2Span}. An
 * operation of ag2's pipeline ({@code Operation}) is its own frame, so that a traced call makes one
 * object rather than two; its values are settled when its span starts, before any span inside can
 * see them.
 * <p>
 * Internal API: may change without notice.
 */
public class Ag2Frame {

	private static final ContextKey<Ag2Frame> KEY = ContextKey.named("ai.ag2.tracing.frame");

	private final Ag2SpanType type;

	private final String instrumentation;

	// Final for plain frames; an operation (a subclass) sets them until its span starts, and is its own frame.
	private @Nullable Span span;

	private final @Nullable Ag2Frame parent;

	private @Nullable String agentName;

	private @Nullable ConversationState conversation;

	private boolean remote;

	private @Nullable LlmCallDetails llmDetails;

	public Ag2Frame(Ag2SpanType type, Span span, @Nullable Ag2Frame parent, @Nullable String agentName,
			@Nullable ConversationState conversation, boolean remote, @Nullable LlmCallDetails llmDetails) {
		this.type = type;
		this.instrumentation = "ag2";
		this.span = span;
		this.parent = parent;
		this.agentName = agentName;
		this.conversation = conversation;
		this.remote = remote;
		this.llmDetails = llmDetails;
	}

	/**
	 * The frame of an operation that is its own frame ({@code Operation}): agent name and
	 * conversation inherited from {@code parent}, everything else set by the operation before its
	 * span starts, made by {@code instrumentation} (the name its {@link SpanKey} answers with: the
	 * frame stands for the key of LLM and tool operations).
	 */
	protected Ag2Frame(Ag2SpanType type, @Nullable Ag2Frame parent, String instrumentation) {
		this.type = type;
		this.instrumentation = instrumentation;
		this.parent = parent;
		if (parent != null) {
			this.agentName = parent.agentName;
			this.conversation = parent.conversation;
		}
	}

	/** The innermost ag2 frame of the current context, if any. */
	public static @Nullable Ag2Frame current() {
		return from(Context.current());
	}

	/** The innermost ag2 frame of {@code context}, if any. */
	public static @Nullable Ag2Frame from(Context context) {
		return context.get(KEY);
	}

	/**
	 * {@code context} with this frame as its innermost ag2 frame, and its span current for
	 * Micrometer's OpenTelemetry bridge as well (see {@link MicrometerBridgeContext}).
	 */
	public Context storeIn(Context context) {
		return MicrometerBridgeContext.withOpenTelemetrySpanCurrent(context).with(KEY, this);
	}

	/** Whether {@code key} is the key frames are kept under in a context. */
	protected static boolean isFrameKey(ContextKey<?> key) {
		return key == KEY;
	}

	/** The nearest frame of the given type, starting with this one. */
	public @Nullable Ag2Frame nearest(Ag2SpanType wanted) {
		for (Ag2Frame frame = this; frame != null; frame = frame.parent) {
			if (frame.type == wanted) {
				return frame;
			}
		}
		return null;
	}

	public Ag2SpanType type() {
		return this.type;
	}

	/** The frame's span ({@link Span#getInvalid()} for an operation whose span has not started). */
	public Span span() {
		Span current = this.span;
		return (current != null) ? current : Span.getInvalid();
	}

	/** Whether the frame has its span (an operation's frame gets it when the span starts). */
	protected final boolean hasSpan() {
		return this.span != null;
	}

	protected final void setSpan(Span span) {
		this.span = span;
	}

	public @Nullable Ag2Frame parent() {
		return this.parent;
	}

	/** Agent name that spans inside this one carry as {@code gen_ai.agent.name}. */
	public @Nullable String agentName() {
		return this.agentName;
	}

	protected void setAgentName(@Nullable String agentName) {
		this.agentName = agentName;
	}

	/** The conversation this span belongs to, if any. */
	public @Nullable ConversationState conversation() {
		return this.conversation;
	}

	protected void setConversation(@Nullable ConversationState conversation) {
		this.conversation = conversation;
	}

	/** Whether this is a remote agent's span (kind CLIENT, enriched by the HTTP client). */
	public boolean isRemoteAgent() {
		return this.remote && this.type == Ag2SpanType.AGENT;
	}

	/** Whether the span is a remote agent's or another remote call's. */
	public boolean remote() {
		return this.remote;
	}

	protected void setRemote(boolean remote) {
		this.remote = remote;
	}

	/** Details of an LLM span, written by {@code Ag2Span}; {@code null} for other types. */
	public @Nullable LlmCallDetails llmDetails() {
		return this.llmDetails;
	}

	protected void setLlmDetails(@Nullable LlmCallDetails llmDetails) {
		this.llmDetails = llmDetails;
	}

	/** The operation this frame stands for, when it went through the operation pipeline. */
	public @Nullable Ag2Operation operation() {
		return (this instanceof Ag2Operation operation) ? operation : null;
	}

	/** The instrumentation that made this frame's operation ({@code ag2} for ag2's annotations). */
	public String instrumentation() {
		return this.instrumentation;
	}

	/**
	 * Exit code set through {@code Ag2Span} inside a code execution, if any. Only the operation of
	 * an annotated code execution keeps one; other frames have none.
	 */
	public @Nullable Long exitCode() {
		return null;
	}

	/** Keep the exit code of a code execution (see {@link #exitCode()}); ignored by other frames. */
	public void setExitCode(long exitCode) {
	}

}
