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
 * descendants inherit, and (for LLM spans) the details written through {@code Ag2Span}.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2Frame {

	private static final ContextKey<Ag2Frame> KEY = ContextKey.named("ai.ag2.tracing.frame");

	private final Ag2SpanType type;

	private final Span span;

	private final @Nullable Ag2Frame parent;

	private final @Nullable String agentName;

	private final @Nullable ConversationState conversation;

	private final boolean remote;

	private final @Nullable LlmCallDetails llmDetails;

	private final @Nullable Ag2Operation operation;

	private final String instrumentation;

	private volatile @Nullable Long exitCode;

	public Ag2Frame(Ag2SpanType type, Span span, @Nullable Ag2Frame parent, @Nullable String agentName,
			@Nullable ConversationState conversation, boolean remote, @Nullable LlmCallDetails llmDetails) {
		this(type, span, parent, agentName, conversation, remote, llmDetails, null, "ag2");
	}

	/**
	 * A frame for {@code operation}, made by {@code instrumentation} (the name its {@link SpanKey}
	 * answers with: the frame stands for the key of LLM and tool operations).
	 */
	public Ag2Frame(Ag2SpanType type, Span span, @Nullable Ag2Frame parent, @Nullable String agentName,
			@Nullable ConversationState conversation, boolean remote, @Nullable LlmCallDetails llmDetails,
			@Nullable Ag2Operation operation, String instrumentation) {
		this.operation = operation;
		this.instrumentation = instrumentation;
		this.type = type;
		this.span = span;
		this.parent = parent;
		this.agentName = agentName;
		this.conversation = conversation;
		this.remote = remote;
		this.llmDetails = llmDetails;
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

	public Span span() {
		return this.span;
	}

	public @Nullable Ag2Frame parent() {
		return this.parent;
	}

	/** Agent name that spans inside this one carry as {@code gen_ai.agent.name}. */
	public @Nullable String agentName() {
		return this.agentName;
	}

	/** The conversation this span belongs to, if any. */
	public @Nullable ConversationState conversation() {
		return this.conversation;
	}

	/** Whether this is a remote agent's span (kind CLIENT, enriched by the HTTP client). */
	public boolean isRemoteAgent() {
		return this.remote && this.type == Ag2SpanType.AGENT;
	}

	/** Details of an LLM span, written by {@code Ag2Span}; {@code null} for other types. */
	public @Nullable LlmCallDetails llmDetails() {
		return this.llmDetails;
	}

	/** The operation this frame stands for, when it went through the operation pipeline. */
	public @Nullable Ag2Operation operation() {
		return this.operation;
	}

	/** The instrumentation that made this frame's operation ({@code ag2} for ag2's annotations). */
	public String instrumentation() {
		return this.instrumentation;
	}

	/** Exit code set through {@code Ag2Span} inside a code execution, if any. */
	public @Nullable Long exitCode() {
		return this.exitCode;
	}

	public void setExitCode(long exitCode) {
		this.exitCode = exitCode;
	}

}
