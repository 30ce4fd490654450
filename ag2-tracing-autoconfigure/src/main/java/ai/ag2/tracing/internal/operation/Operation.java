package ai.ag2.tracing.internal.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * One operation on its way through {@link Ag2Operations}: what is decided before its span starts
 * (name, kind, attributes, the agent name and conversation that spans inside inherit), then the
 * started span, its context and its outcome. Whatever makes the operation (an annotated method, an
 * adopted library observation, a client listener) fills it in; {@link Ag2Operations} starts and
 * ends it the same way for all of them.
 * <p>
 * Internal API: may change without notice.
 */
public class Operation implements Ag2Operation {

	private final Ag2SpanType type;

	private final Context parentContext;

	private final @Nullable Ag2Frame parentFrame;

	private final String instrumentation;

	// Keys and values in turn, set on the span builder in order (a later value for a key wins):
	// cheaper than building a sorted Attributes that the builder then copies again.
	private final List<Object> startAttributes = new ArrayList<>(8);

	private static final AtomicIntegerFieldUpdater<Operation> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(Operation.class, "ended");

	// an int updated through ENDED rather than an AtomicBoolean: one object less per traced call
	private volatile int ended;

	// Span contexts and their attributes in turn, added to the span builder (samplers see them).
	private @Nullable List<Object> startLinks;


	private String spanName;

	private SpanKind kind = SpanKind.INTERNAL;

	private @Nullable String operationName;

	private @Nullable String agentName;

	private @Nullable ConversationState conversation;

	private boolean remote;

	private @Nullable String toolName;

	private @Nullable LlmCallDetails llmDetails;

	private @Nullable Span span;

	private @Nullable Ag2Frame frame;

	private @Nullable Context context;

	private boolean ownsSpan = true;

	private boolean merged;

	private boolean mergeable = true;

	private long startNanos;

	private volatile long durationNanos = -1;

	private volatile long firstChunkNanos = -1;

	private volatile @Nullable String errorType;

	/**
	 * An operation of {@code type} inside {@code parentContext}, made by {@code instrumentation}
	 * ({@link Ag2Operations#AG2} for ag2's own annotations).
	 */
	public Operation(Ag2SpanType type, Context parentContext, String instrumentation) {
		this.type = type;
		this.parentContext = parentContext;
		this.parentFrame = Ag2Frame.from(parentContext);
		this.instrumentation = instrumentation;
		this.spanName = type.value();
		this.operationName = type.operationName();
		if (this.parentFrame != null) {
			this.agentName = this.parentFrame.agentName();
			this.conversation = this.parentFrame.conversation();
		}
	}

	@Override
	public Ag2SpanType type() {
		return this.type;
	}

	public Context parentContext() {
		return this.parentContext;
	}

	/** The innermost ag2 span around this operation, if any. */
	public @Nullable Ag2Frame parentFrame() {
		return this.parentFrame;
	}

	/** Who made this operation: {@link Ag2Operations#AG2}, or a library integration's name. */
	public String instrumentation() {
		return this.instrumentation;
	}

	@Override
	public String spanName() {
		return this.spanName;
	}

	public void setSpanName(String spanName) {
		this.spanName = spanName;
	}

	public SpanKind kind() {
		return this.kind;
	}

	public void setKind(SpanKind kind) {
		this.kind = kind;
	}

	@Override
	public @Nullable String operationName() {
		return this.operationName;
	}

	public void setOperationName(@Nullable String operationName) {
		this.operationName = operationName;
	}

	/** Agent name of this span and of the spans inside it ({@code gen_ai.agent.name}). */
	@Override
	public @Nullable String agentName() {
		return this.agentName;
	}

	public void setAgentName(@Nullable String agentName) {
		this.agentName = agentName;
	}

	/** The conversation this span belongs to (its own, for a conversation span). */
	public @Nullable ConversationState conversation() {
		return this.conversation;
	}

	public void setConversation(@Nullable ConversationState conversation) {
		this.conversation = conversation;
	}

	@Override
	public @Nullable String conversationId() {
		ConversationState state = this.conversation;
		return (state != null) ? state.id() : null;
	}

	public boolean remote() {
		return this.remote;
	}

	public void setRemote(boolean remote) {
		this.remote = remote;
	}

	@Override
	public @Nullable String toolName() {
		return this.toolName;
	}

	public void setToolName(@Nullable String toolName) {
		this.toolName = toolName;
	}

	/**
	 * Whether this operation may be merged into another instrumentation's open span of the same
	 * kind ({@link ai.ag2.tracing.internal.context.SpanKey}); true unless set otherwise, e.g. for a
	 * second MCP tool call made inside one tool span, which is not that span's call.
	 */
	public boolean isMergeable() {
		return this.mergeable;
	}

	public void setMergeable(boolean mergeable) {
		this.mergeable = mergeable;
	}

	@Override
	public @Nullable LlmCallDetails llmCall() {
		return this.llmDetails;
	}

	public void setLlmDetails(@Nullable LlmCallDetails llmDetails) {
		this.llmDetails = llmDetails;
	}

	/** Add an attribute: to the span builder before the span starts, to the span after. */
	@Override
	public <T> void setAttribute(AttributeKey<T> key, @Nullable T value) {
		if (value == null) {
			return;
		}
		Span started = this.span;
		if (started != null) {
			started.setAttribute(key, value);
		}
		else {
			this.startAttributes.add(key);
			this.startAttributes.add(value);
		}
	}

	/** Add a string attribute unless it is {@code null} or empty. */
	public void setIfPresent(AttributeKey<String> key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			setAttribute(key, value);
		}
	}

	/**
	 * Link the span to {@code linked} (a message that caused this operation, say): on the span
	 * builder before the span starts, so samplers see it, on the span after. Invalid span
	 * contexts are ignored.
	 */
	public void addLink(SpanContext linked, Attributes attributes) {
		if (!linked.isValid()) {
			return;
		}
		Span started = this.span;
		if (started != null) {
			started.addLink(linked, attributes);
			return;
		}
		List<Object> links = this.startLinks;
		if (links == null) {
			links = new ArrayList<>(2);
			this.startLinks = links;
		}
		links.add(linked);
		links.add(attributes);
	}

	@SuppressWarnings("unchecked")
	void setStartAttributes(SpanBuilder builder) {
		for (int i = 0; i < this.startAttributes.size(); i += 2) {
			builder.setAttribute((AttributeKey<Object>) this.startAttributes.get(i), this.startAttributes.get(i + 1));
		}
		List<Object> links = this.startLinks;
		if (links != null) {
			for (int i = 0; i < links.size(); i += 2) {
				builder.addLink((SpanContext) links.get(i), (Attributes) links.get(i + 1));
			}
		}
	}

	@SuppressWarnings("unchecked")
	void setStartAttributes(Span span) {
		for (int i = 0; i < this.startAttributes.size(); i += 2) {
			span.setAttribute((AttributeKey<Object>) this.startAttributes.get(i), this.startAttributes.get(i + 1));
		}
		List<Object> links = this.startLinks;
		if (links != null) {
			for (int i = 0; i < links.size(); i += 2) {
				span.addLink((SpanContext) links.get(i), (Attributes) links.get(i + 1));
			}
		}
	}

	void started(Span span, Ag2Frame frame, Context context, long startNanos, boolean ownsSpan, boolean merged) {
		this.span = span;
		this.frame = frame;
		this.context = context;
		this.startNanos = startNanos;
		this.ownsSpan = ownsSpan;
		this.merged = merged;
	}

	/** Whether the span has been started (or adopted, or merged into). */
	public boolean isStarted() {
		return this.span != null;
	}

	@Override
	public Span span() {
		Span started = this.span;
		return (started != null) ? started : Span.getInvalid();
	}

	/** The frame that spans inside this operation see as their parent's. */
	public Ag2Frame frame() {
		Ag2Frame started = this.frame;
		if (started == null) {
			throw new IllegalStateException("operation not started");
		}
		return started;
	}

	/** The context to make current while the operation runs: its span, frame and span key. */
	public Context context() {
		Context started = this.context;
		if (started == null) {
			throw new IllegalStateException("operation not started");
		}
		return started;
	}

	/** Whether ag2 ends the span (false for adopted library spans and merged operations). */
	public boolean ownsSpan() {
		return this.ownsSpan;
	}

	/**
	 * Whether this operation found another instrumentation's span for the same operation open and
	 * adds its attributes to that span instead of having its own.
	 */
	public boolean isMerged() {
		return this.merged;
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	@Override
	public long timeToFirstChunkNanos() {
		long first = this.firstChunkNanos;
		return (first < 0) ? -1 : first - this.startNanos;
	}

	/** Note that a chunk of a streamed result arrived; only the first one counts. */
	public void chunkArrived(long nanoTime) {
		if (this.firstChunkNanos < 0) {
			this.firstChunkNanos = nanoTime;
		}
	}

	@Override
	public @Nullable String errorType() {
		return this.errorType;
	}

	public void setErrorType(@Nullable String errorType) {
		this.errorType = errorType;
	}

	boolean markEnded(long endNanos) {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.durationNanos = Math.max(0, endNanos - this.startNanos);
		return true;
	}

	/** Whether the operation has ended. */
	public boolean isEnded() {
		return this.ended != 0;
	}

}
