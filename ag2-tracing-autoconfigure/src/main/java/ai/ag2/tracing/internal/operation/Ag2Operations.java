package ai.ag2.tracing.internal.operation;

import java.util.List;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.SpanOutcome;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.context.CurrentSpanKey;
import ai.ag2.tracing.internal.context.SpanKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The one pipeline every ag2 operation goes through, whoever makes it (an annotated method, an
 * adopted library observation, a client listener): start the span with what is known, make the
 * frame that spans inside inherit, tell the {@link Ag2OperationListener}s, and at the end record
 * the outcome, write the LLM details and roll usage up into the conversation, tell the listeners
 * again and end the span, once. When another instrumentation already has a span open for the same
 * operation ({@link SpanKey}), the operation is merged into that span instead of opening a second.
 * Nothing here ever throws into the caller: a failure is reported and the operation goes untraced.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2Operations {

	/** {@link Operation#instrumentation()} of ag2's own annotations. */
	public static final String AG2 = "ag2";

	private final Tracer tracer;

	private final ContentCapture content;

	private final Supplier<List<Ag2OperationListener>> listeners;

	public Ag2Operations(Tracer tracer, ContentCapture content, Supplier<List<Ag2OperationListener>> listeners) {
		this.tracer = tracer;
		this.content = content;
		this.listeners = listeners;
	}

	public Tracer tracer() {
		return this.tracer;
	}

	public ContentCapture content() {
		return this.content;
	}

	/** The span key of operations of {@code type}, if operations of that type are suppressible. */
	public static @Nullable SpanKey keyOf(Ag2SpanType type) {
		return switch (type) {
			case LLM -> SpanKey.LLM;
			case TOOL -> SpanKey.TOOL;
			default -> null;
		};
	}

	/**
	 * Start {@code operation}'s span, or merge it into the span another instrumentation opened for
	 * the same operation.
	 * @return whether the operation is traced; {@code false} when starting failed (reported)
	 */
	public boolean start(Operation operation) {
		try {
			Context parent = operation.parentContext();
			SpanKey key = keyOf(operation.type());
			Span outer = (key != null && operation.isMergeable()) ? key.openByOther(parent, operation.instrumentation())
					: null;
			List<Ag2OperationListener> listeners = this.listeners.get();
			if (outer != null) {
				// the outer span is this operation's span: it gets the attributes ag2 would have given its own
				boolean timed = isTimed(operation, listeners);
				operation.setStartAttributes(outer);
				operation.started(outer, operation.storeIn(parent), timed, timed ? System.nanoTime() : 0, false, true);
				writeCommonAttributes(operation);
				return true;
			}
			LlmCallDetails llm = operation.llmCall();
			if (llm != null && operation.type() == Ag2SpanType.LLM) {
				// a maker that named the span already (from a name it keeps per method) saves making the string
				if (!LlmAttributes.isSpanName(operation.spanName(), operation.operationName(), llm.getRequestModel())) {
					operation.setSpanName(LlmAttributes.spanName(operation.operationName(), llm.getRequestModel()));
				}
				LlmAttributes.writeStart(operation, llm);
			}
			notifyStart(operation, listeners);
			// decided after the listeners' onStart, which may not change it, so that a duration read at the end has its start
			boolean timed = isTimed(operation, listeners);
			long now = timed ? System.nanoTime() : 0;
			SpanBuilder builder = this.tracer.spanBuilder(operation.spanName())
				.setParent(parent)
				.setSpanKind(operation.kind())
				.setAttribute(Ag2Attributes.AG2_SPAN_TYPE, operation.type().value());
			if (operation.operationName() != null) {
				builder.setAttribute(Ag2Attributes.GEN_AI_OPERATION_NAME, operation.operationName());
			}
			String conversationId = operation.conversationId();
			if (conversationId != null) {
				builder.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId);
			}
			if (operation.agentName() != null) {
				builder.setAttribute(Ag2Attributes.GEN_AI_AGENT_NAME, operation.agentName());
			}
			operation.setStartAttributes(builder);
			Span span = builder.startSpan();
			if (CurrentSpanKey.isApiContext(parent)) {
				// the operation answers for its context itself; a context inside it copies it then
				operation.startedAsOwnContext(span, timed, now);
			}
			else {
				operation.started(span, operation.storeIn(parent.with(span)), timed, now, true, false);
			}
			return true;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting a " + operation.type().value() + " span", ex);
			return false;
		}
	}

	// The clock is read only for durations someone reads: a listener's (metrics), or an LLM call's
	// time to first chunk. Reading it costs about as much as the rest of a tool call's own work.
	private static boolean isTimed(Operation operation, List<Ag2OperationListener> listeners) {
		return !listeners.isEmpty() || (operation.type() == Ag2SpanType.LLM && operation.mayReceiveChunks());
	}

	/**
	 * Make {@code operation} stand for {@code span}, which a library's own instrumentation started
	 * and will end: ag2 adds its attributes, frame, roll-ups and listeners to it.
	 * @param context the context in which {@code span} is current
	 * @return whether the operation is traced
	 */
	public boolean adopt(Operation operation, Span span, Context context) {
		try {
			List<Ag2OperationListener> listeners = this.listeners.get();
			boolean timed = isTimed(operation, listeners);
			operation.started(span, operation.storeIn(context), timed, timed ? System.nanoTime() : 0, false, false);
			operation.setStartAttributes(span);
			LlmCallDetails llm = operation.llmCall();
			if (llm != null) {
				LlmAttributes.writeStart(operation, llm);
			}
			writeCommonAttributes(operation);
			notifyStart(operation, listeners);
			return true;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("adopting a " + operation.type().value() + " span", ex);
			return false;
		}
	}

	/**
	 * End {@code operation}: record the failure, if any, write what is known at the end, tell the
	 * listeners and end the span. Only the first call counts.
	 * @param failure what the operation threw, or {@code null}
	 */
	public void end(Operation operation, @Nullable Throwable failure) {
		if (operation.isStarted() && operation.markEnded()) {
			finish(operation, failure);
		}
	}

	/**
	 * End {@code operation}, whose end its maker claimed ({@link Operation#claimEnd}) or which no
	 * other thread can end (a call that returned its result): as {@link #end}, without a second
	 * atomic claim.
	 * @param failure what the operation threw, or {@code null}
	 */
	public void endClaimed(Operation operation, @Nullable Throwable failure) {
		if (operation.isStarted() && operation.markEndedByOwner()) {
			finish(operation, failure);
		}
	}

	private void finish(Operation operation, @Nullable Throwable failure) {
		if (operation.isTimed()) {
			operation.setDuration(System.nanoTime());
		}
		Span span = operation.span();
		try {
			if (operation.isMerged()) {
				endMerged(operation);
				return;
			}
			if (failure != null) {
				operation.setErrorType(failure.getClass().getName());
				SpanOutcome.recordFailure(span, failure);
			}
			LlmCallDetails llm = operation.llmCall();
			if (llm != null) {
				synchronized (llm) {
					// usage first: a detail that cannot be written must not cost the conversation its totals
					ConversationState conversation = operation.conversation();
					if (conversation != null) {
						conversation.addUsage(llm);
					}
					LlmAttributes.writeEnd(operation, llm, this.content);
				}
			}
			notifyEnd(operation);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("ending a " + operation.type().value() + " span", ex);
		}
		finally {
			if (operation.ownsSpan()) {
				SpanOutcome.end(span);
			}
		}
	}

	// The span belongs to another instrumentation: hand the LLM details to its ag2 operation when
	// ag2 adopted it (its end rolls them up), else write them onto its span here.
	private void endMerged(Operation operation) {
		LlmCallDetails llm = operation.llmCall();
		if (llm == null) {
			return;
		}
		Ag2Frame outer = Ag2Frame.from(operation.parentContext());
		LlmCallDetails outerLlm = (outer != null && outer.operation() != null
				&& outer.span().getSpanContext().equals(operation.span().getSpanContext()))
						? outer.operation().llmCall() : null;
		if (outerLlm != null && outerLlm != llm) {
			synchronized (outerLlm) {
				synchronized (llm) {
					outerLlm.fillMissingFrom(llm);
				}
			}
			return;
		}
		synchronized (llm) {
			ConversationState conversation = operation.conversation();
			if (conversation != null) {
				conversation.addUsage(llm);
			}
			LlmAttributes.writeEnd(operation, llm, this.content);
		}
	}

	// What every ag2 span carries, for spans ag2 did not start itself.
	private static void writeCommonAttributes(Operation operation) {
		operation.setAttribute(Ag2Attributes.AG2_SPAN_TYPE, operation.type().value());
		operation.setAttribute(Ag2Attributes.GEN_AI_OPERATION_NAME, operation.operationName());
		operation.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_ID, operation.conversationId());
		operation.setAttribute(Ag2Attributes.GEN_AI_AGENT_NAME, operation.agentName());
	}

	private static void notifyStart(Operation operation, List<Ag2OperationListener> all) {
		if (all.isEmpty()) {
			return;
		}
		// indexed: no iterator per call
		for (int i = 0; i < all.size(); i++) {
			Ag2OperationListener listener = all.get(i);
			try {
				listener.onStart(operation);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("operation listener " + listener.getClass().getName(), ex);
			}
		}
	}

	private void notifyEnd(Operation operation) {
		List<Ag2OperationListener> all = this.listeners.get();
		if (all.isEmpty()) {
			return;
		}
		for (int i = 0; i < all.size(); i++) {
			Ag2OperationListener listener = all.get(i);
			try {
				listener.onEnd(operation);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("operation listener " + listener.getClass().getName(), ex);
			}
		}
	}

}
