package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.Ag2Frame;
import ai.ag2.tracing.internal.ConversationState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * One traced call as it goes through {@link InvocationTracer}: what the recorder decides before the
 * span starts (attributes, the agent name and conversation that spans inside inherit), then the
 * started span and its context.
 *
 * @param <A> the annotation that made the call traced
 */
final class TracedCall<A extends Annotation> {

	private final A annotation;

	private final Invocation invocation;

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

	TracedCall(A annotation, Invocation invocation, @Nullable Ag2Frame parentFrame) {
		this.annotation = annotation;
		this.invocation = invocation;
		this.parentFrame = parentFrame;
		if (parentFrame != null) {
			this.agentName = parentFrame.agentName();
			this.conversation = parentFrame.conversation();
		}
	}

	A annotation() {
		return this.annotation;
	}

	Invocation invocation() {
		return this.invocation;
	}

	/** The innermost ag2 span around this call, if any. */
	@Nullable Ag2Frame parentFrame() {
		return this.parentFrame;
	}

	/** Add an attribute known before the call; {@code null} values are skipped. */
	<T> void setAttribute(AttributeKey<T> key, @Nullable T value) {
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
	void setIfPresent(AttributeKey<String> key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			setAttribute(key, value);
		}
	}

	void setStringList(AttributeKey<List<String>> key, @Nullable List<String> values) {
		if (values != null) {
			setAttribute(key, values);
		}
	}

	/** Set the attributes known before the call on the builder of the span. */
	@SuppressWarnings("unchecked")
	void setStartAttributes(SpanBuilder builder) {
		for (int i = 0; i < this.startAttributes.size(); i += 2) {
			builder.setAttribute((AttributeKey<Object>) this.startAttributes.get(i), this.startAttributes.get(i + 1));
		}
	}

	/** Agent name of this span and of the spans inside it ({@code gen_ai.agent.name}). */
	@Nullable String agentName() {
		return this.agentName;
	}

	void setAgentName(@Nullable String agentName) {
		this.agentName = agentName;
	}

	/** The conversation this span belongs to (its own, for a conversation span). */
	@Nullable ConversationState conversation() {
		return this.conversation;
	}

	void setConversation(@Nullable ConversationState conversation) {
		this.conversation = conversation;
	}

	/** {@code gen_ai.operation.name} when it differs from the span type's default. */
	@Nullable String operationName() {
		return this.operationName;
	}

	void setOperationName(@Nullable String operationName) {
		this.operationName = operationName;
	}

	boolean remote() {
		return this.remote;
	}

	void setRemote(boolean remote) {
		this.remote = remote;
	}

	@Nullable LlmCallDetails llmDetails() {
		return this.llmDetails;
	}

	void setLlmDetails(@Nullable LlmCallDetails llmDetails) {
		this.llmDetails = llmDetails;
	}

	void started(Span span, Ag2Frame frame) {
		this.span = span;
		this.frame = frame;
	}

	Span span() {
		if (this.span == null) {
			throw new IllegalStateException("span not started");
		}
		return this.span;
	}

	Ag2Frame frame() {
		if (this.frame == null) {
			throw new IllegalStateException("span not started");
		}
		return this.frame;
	}

	Context context(Context parent) {
		return frame().storeIn(parent.with(span()));
	}

}
