package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * One traced call as it goes through {@link OperationTracer}: what the recorder decides before the
 * span starts (attributes, the agent name and conversation that spans inside inherit), then the
 * started span and its context.
 *
 * @param <A> the annotation that made the call traced
 */
public final class TracedOperation<A extends Annotation> {

	private final A annotation;

	private final MethodCall invocation;

	private final @Nullable Ag2Frame parentFrame;

	// Keys and values in turn, set on the span builder in order (a later value for a key wins):
	// cheaper than building a sorted Attributes that the builder then copies again.
	private final List<Object> startAttributes = new ArrayList<>(8);

	private @Nullable String agentName;

	private @Nullable ConversationState conversation;

	private @Nullable String operationName;

	private boolean remote;

	private @Nullable LlmCallDetails llmDetails;

	private @Nullable Span span;

	private @Nullable Ag2Frame frame;

	TracedOperation(A annotation, MethodCall invocation, @Nullable Ag2Frame parentFrame) {
		this.annotation = annotation;
		this.invocation = invocation;
		this.parentFrame = parentFrame;
		if (parentFrame != null) {
			this.agentName = parentFrame.agentName();
			this.conversation = parentFrame.conversation();
		}
	}

	public A annotation() {
		return this.annotation;
	}

	public MethodCall methodCall() {
		return this.invocation;
	}

	/** The innermost ag2 span around this call, if any. */
	public @Nullable Ag2Frame parentFrame() {
		return this.parentFrame;
	}

	/** Add an attribute known before the call; {@code null} values are skipped. */
	public <T> void setAttribute(AttributeKey<T> key, @Nullable T value) {
		if (value == null) {
			return;
		}
		if (this.span != null) {
			this.span.setAttribute(key, value);
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

	public void setStringList(AttributeKey<List<String>> key, @Nullable List<String> values) {
		if (values != null) {
			setAttribute(key, values);
		}
	}

	/** Set the attributes known before the call on the builder of the span. */
	@SuppressWarnings("unchecked")
	public void setStartAttributes(SpanBuilder builder) {
		for (int i = 0; i < this.startAttributes.size(); i += 2) {
			builder.setAttribute((AttributeKey<Object>) this.startAttributes.get(i), this.startAttributes.get(i + 1));
		}
	}

	/** Agent name of this span and of the spans inside it ({@code gen_ai.agent.name}). */
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

	/** {@code gen_ai.operation.name} when it differs from the span type's default. */
	public @Nullable String operationName() {
		return this.operationName;
	}

	public void setOperationName(@Nullable String operationName) {
		this.operationName = operationName;
	}

	public boolean remote() {
		return this.remote;
	}

	public void setRemote(boolean remote) {
		this.remote = remote;
	}

	public @Nullable LlmCallDetails llmDetails() {
		return this.llmDetails;
	}

	public void setLlmDetails(@Nullable LlmCallDetails llmDetails) {
		this.llmDetails = llmDetails;
	}

	public void started(Span span, Ag2Frame frame) {
		this.span = span;
		this.frame = frame;
	}

	public Span span() {
		if (this.span == null) {
			throw new IllegalStateException("span not started");
		}
		return this.span;
	}

	public Ag2Frame frame() {
		if (this.frame == null) {
			throw new IllegalStateException("span not started");
		}
		return this.frame;
	}

	public Context context(Context parent) {
		return frame().storeIn(parent.with(span()));
	}

}
