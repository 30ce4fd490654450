package ai.ag2.tracing.internal.operation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.context.CurrentSpanKey;
import ai.ag2.tracing.internal.context.MicrometerBridgeContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * One operation on its way through {@link Ag2Operations}: what is decided before its span starts
 * (name, kind, attributes, the agent name and conversation that spans inside inherit), then the
 * started span, its context and its outcome. Whatever makes the operation (an annotated method, an
 * adopted library observation, a client listener) fills it in; {@link Ag2Operations} starts and
 * ends it the same way for all of them. The operation is its own {@link Ag2Frame}: the frame that
 * spans inside it see in the context. While it runs it can also be its own {@link Context} (its
 * parent's entries, its span as the current span, itself as the frame): the copy of the parent
 * that {@code parent.with(span).with(frame)} would make is made only when something derives a
 * context from it, so a call that starts nothing inside costs no copy.
 * <p>
 * Internal API: may change without notice.
 */
public class Operation extends Ag2Frame implements Ag2Operation, Context {

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Operation.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final int RUNNING = 0;

	private static final int CLAIMED = 1;

	private static final int ENDED = 2;

	private static final Object[] NO_ATTRIBUTES = {};

	// The flags, bits of one byte: an object is made per traced call, and five booleans would cost it a word.

	// the operation is its own context (see get)
	private static final int OWN_CONTEXT = 1;

	// ag2 ends the span (not an adopted library span, not merged)
	private static final int OWNS_SPAN = 1 << 1;

	// merged into another instrumentation's span for the same operation
	private static final int MERGED = 1 << 2;

	// may not be merged into another instrumentation's span (see isMergeable)
	private static final int NOT_MERGEABLE = 1 << 3;

	// the clock was read at the start: only when something reads the duration (see Ag2Operations)
	private static final int TIMED = 1 << 4;

	// startAttributes is the constant array of the method, shared by its calls: copied before a write
	private static final int SHARED_ATTRIBUTES = 1 << 5;

	private final Context parentContext;

	// Keys and values in turn, set on the span builder in order (a later value for a key wins):
	// cheaper than building a sorted Attributes that the builder copies again. The first entries may
	// be the ones every call of a method has (tool name, description), as the method's own array,
	// shared until something is added. Links are kept here too, under the key LINK (samplers see them).
	private Object[] startAttributes = NO_ATTRIBUTES;

	private int startAttributeCount;

	private String spanName;

	private static final SpanKind[] KINDS = SpanKind.values();

	// the SpanKind's ordinal: a byte rather than a reference in an object made per call
	private byte kind = (byte) SpanKind.INTERNAL.ordinal();

	private @Nullable String operationName;

	private @Nullable String toolName;

	// the context to make current; when the operation is its own context, the copy made on first derivation
	private @Nullable Context context;

	private byte flags = OWNS_SPAN;

	private volatile int state;

	private long startNanos;

	private volatile long durationNanos = -1;

	private volatile long firstChunkNanos = -1;

	private volatile @Nullable String errorType;

	/**
	 * An operation of {@code type} inside {@code parentContext}, made by {@code instrumentation}
	 * ({@link Ag2Operations#AG2} for ag2's own annotations).
	 */
	public Operation(Ag2SpanType type, Context parentContext, String instrumentation) {
		super(type, Ag2Frame.from(parentContext), instrumentation);
		this.parentContext = parentContext;
		this.spanName = type.value();
		this.operationName = type.operationName();
	}

	public Context parentContext() {
		return this.parentContext;
	}

	/** The innermost ag2 span around this operation, if any. */
	public @Nullable Ag2Frame parentFrame() {
		return parent();
	}

	@Override
	public String spanName() {
		return this.spanName;
	}

	public void setSpanName(String spanName) {
		this.spanName = spanName;
	}

	public SpanKind kind() {
		return KINDS[this.kind];
	}

	public void setKind(SpanKind kind) {
		this.kind = (byte) kind.ordinal();
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
		return super.agentName();
	}

	@Override
	public void setAgentName(@Nullable String agentName) {
		super.setAgentName(agentName);
	}

	/** The conversation this span belongs to (its own, for a conversation span). */
	@Override
	public @Nullable ConversationState conversation() {
		return super.conversation();
	}

	@Override
	public void setConversation(@Nullable ConversationState conversation) {
		super.setConversation(conversation);
	}

	@Override
	public @Nullable String conversationId() {
		ConversationState state = conversation();
		return (state != null) ? state.id() : null;
	}

	@Override
	public void setRemote(boolean remote) {
		super.setRemote(remote);
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
		return !has(NOT_MERGEABLE);
	}

	public void setMergeable(boolean mergeable) {
		set(NOT_MERGEABLE, !mergeable);
	}

	private boolean has(int flag) {
		return (this.flags & flag) != 0;
	}

	private void set(int flag, boolean on) {
		this.flags = (byte) (on ? (this.flags | flag) : (this.flags & ~flag));
	}

	@Override
	public @Nullable LlmCallDetails llmCall() {
		return llmDetails();
	}

	@Override
	public void setLlmDetails(@Nullable LlmCallDetails llmDetails) {
		super.setLlmDetails(llmDetails);
	}

	/** Add an attribute: to the span builder before the span starts, to the span after. */
	@Override
	public <T> void setAttribute(AttributeKey<T> key, @Nullable T value) {
		if (value == null) {
			return;
		}
		if (hasSpan()) {
			span().setAttribute(key, value);
			return;
		}
		addStart(key, value);
	}

	private void addStart(Object first, Object second) {
		Object[] attributes = this.startAttributes;
		int count = this.startAttributeCount;
		if (count == attributes.length || has(SHARED_ATTRIBUTES)) {
			// the method's shared constants are copied, never written
			attributes = Arrays.copyOf(attributes, Math.max(8, count * 2));
			this.startAttributes = attributes;
			set(SHARED_ATTRIBUTES, false);
		}
		attributes[count] = first;
		attributes[count + 1] = second;
		this.startAttributeCount = count + 2;
	}

	/**
	 * Whether the span's start attributes, the ones {@link #setAttribute} gave before the span
	 * started, set {@code key} to {@code value}: a value written at the end need not be written
	 * again when it did not change.
	 */
	boolean startedWith(AttributeKey<?> key, Object value) {
		Object[] attributes = this.startAttributes;
		// the last value for a key is the one the span has
		for (int i = this.startAttributeCount - 2; i >= 0; i -= 2) {
			if (attributes[i] == key) {
				return value.equals(attributes[i + 1]);
			}
		}
		return false;
	}

	/** Add a string attribute unless it is {@code null} or empty. */
	public void setIfPresent(AttributeKey<String> key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			setAttribute(key, value);
		}
	}

	/**
	 * Start attributes that every call of the same method has (keys and values in turn, non-null
	 * values), worked out once per method: set on the span builder before those of
	 * {@link #setAttribute}, and never copied or written.
	 */
	public void setConstantAttributes(Object[] keysAndValues) {
		int count = this.startAttributeCount;
		if (count == 0) {
			this.startAttributes = keysAndValues;
			this.startAttributeCount = keysAndValues.length;
			set(SHARED_ATTRIBUTES, true);
			return;
		}
		// set after other attributes: the constants still come first, so that a later value wins
		Object[] attributes = new Object[Math.max(8, (keysAndValues.length + count) * 2)];
		System.arraycopy(keysAndValues, 0, attributes, 0, keysAndValues.length);
		System.arraycopy(this.startAttributes, 0, attributes, keysAndValues.length, count);
		this.startAttributes = attributes;
		this.startAttributeCount = keysAndValues.length + count;
		set(SHARED_ATTRIBUTES, false);
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
		if (hasSpan()) {
			span().addLink(linked, attributes);
			return;
		}
		addStart(LINK, new StartLink(linked, attributes));
	}

	// Links sit among the start attributes under this key, found by identity: the loops below cost
	// a reference compare per entry, where an instanceof test against an interface (SpanContext)
	// that every attribute key fails cost a scan of the key class's interfaces.
	private static final Object LINK = new Object();

	private record StartLink(SpanContext context, Attributes attributes) {
	}

	@SuppressWarnings("unchecked")
	void setStartAttributes(SpanBuilder builder) {
		Object[] attributes = this.startAttributes;
		for (int i = 0; i < this.startAttributeCount; i += 2) {
			Object key = attributes[i];
			if (key == LINK) {
				StartLink link = (StartLink) attributes[i + 1];
				builder.addLink(link.context(), link.attributes());
			}
			else {
				builder.setAttribute((AttributeKey<Object>) key, attributes[i + 1]);
			}
		}
	}

	@SuppressWarnings("unchecked")
	void setStartAttributes(Span span) {
		Object[] attributes = this.startAttributes;
		for (int i = 0; i < this.startAttributeCount; i += 2) {
			Object key = attributes[i];
			if (key == LINK) {
				StartLink link = (StartLink) attributes[i + 1];
				span.addLink(link.context(), link.attributes());
			}
			else {
				span.setAttribute((AttributeKey<Object>) key, attributes[i + 1]);
			}
		}
	}

	void started(Span span, Context context, boolean timed, long startNanos, boolean ownsSpan, boolean merged) {
		setSpan(span);
		this.context = context;
		set(OWN_CONTEXT, false);
		set(TIMED, timed);
		this.startNanos = startNanos;
		set(OWNS_SPAN, ownsSpan);
		set(MERGED, merged);
	}

	/** Started with {@code span} as its own span, the operation being its own context (see {@link #get}). */
	void startedAsOwnContext(Span span, boolean timed, long startNanos) {
		setSpan(span);
		set(OWN_CONTEXT, true);
		set(TIMED, timed);
		this.startNanos = startNanos;
		set(OWNS_SPAN, true);
		set(MERGED, false);
	}

	/**
	 * As a context: the operation's span as the current span, the operation as the frame, the
	 * Micrometer bridge's own span cleared (see {@link MicrometerBridgeContext}), the parent's
	 * entries for every other key: what the copy {@code parent.with(span)} with the frame holds.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <V> @Nullable V get(ContextKey<V> key) {
		if (key == CurrentSpanKey.key()) {
			return (V) span();
		}
		if (isFrameKey(key)) {
			return (V) this;
		}
		if (MicrometerBridgeContext.isBridgeSpanKey(key)) {
			return null;
		}
		return this.parentContext.get(key);
	}

	/** As a context: the copy the operation stands for, with {@code key} added. */
	@Override
	public <V> Context with(ContextKey<V> key, V value) {
		return copy().with(key, value);
	}

	// Made once, when something first derives a context from the operation's (racing threads make equal copies).
	private Context copy() {
		Context copy = this.context;
		if (copy == null) {
			copy = storeIn(this.parentContext.with(span()));
			this.context = copy;
		}
		return copy;
	}

	/** Whether the span has been started (or adopted, or merged into). */
	public boolean isStarted() {
		return hasSpan();
	}

	/** The frame that spans inside this operation see as their parent's: the operation itself. */
	public Ag2Frame frame() {
		if (!hasSpan()) {
			throw new IllegalStateException("operation not started");
		}
		return this;
	}

	/** The context to make current while the operation runs: its span, frame and span key. */
	public Context context() {
		if (has(OWN_CONTEXT)) {
			return this;
		}
		Context started = this.context;
		if (started == null) {
			throw new IllegalStateException("operation not started");
		}
		return started;
	}

	/** Whether ag2 ends the span (false for adopted library spans and merged operations). */
	public boolean ownsSpan() {
		return has(OWNS_SPAN);
	}

	/**
	 * Whether this operation found another instrumentation's span for the same operation open and
	 * adds its attributes to that span instead of having its own.
	 */
	public boolean isMerged() {
		return has(MERGED);
	}

	/**
	 * Whether a chunk of a streamed result may arrive (its time to first chunk needs the start
	 * time): true unless the maker knows the result is complete at return.
	 */
	protected boolean mayReceiveChunks() {
		return true;
	}

	/** {@link System#nanoTime()} at the start; 0 when nothing reads the operation's times. */
	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	/** Whether the clock is read at the start and end of this operation (see {@link Ag2Operations}). */
	boolean isTimed() {
		return has(TIMED);
	}

	@Override
	public long timeToFirstChunkNanos() {
		long first = this.firstChunkNanos;
		return (first < 0 || !isTimed()) ? -1 : first - this.startNanos;
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

	/**
	 * Claim the end of the operation, for its maker when several threads may end it (an
	 * asynchronous result's completion and cancellation may race): true for the first caller only,
	 * which then ends it with {@link Ag2Operations#endClaimed}.
	 */
	public boolean claimEnd() {
		return STATE.compareAndSet(this, RUNNING, CLAIMED);
	}

	// Only the first end counts: a CAS, as any thread may end an unclaimed operation.
	boolean markEnded() {
		return STATE.compareAndSet(this, RUNNING, ENDED);
	}

	// The claimer (or the only thread that can end the operation) ends it: no other thread can race.
	boolean markEndedByOwner() {
		int current = (int) STATE.getAcquire(this);
		if (current == ENDED) {
			return false;
		}
		STATE.setRelease(this, ENDED);
		return true;
	}

	void setDuration(long endNanos) {
		this.durationNanos = Math.max(0, endNanos - this.startNanos);
	}

	/** Whether the operation has ended. */
	public boolean isEnded() {
		return this.state == ENDED;
	}

}
