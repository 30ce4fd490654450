package ai.ag2.tracing.internal.recorder;

import java.lang.annotation.Annotation;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.TracedOperation;
import org.jspecify.annotations.Nullable;

/**
 * What is special about the span of one ag2 annotation: its name, kind and attributes, what it
 * reads from the result and from the chunks of a streamed result. Everything shared (starting the
 * span, the scope, errors, asynchronous results, LLM details, roll-ups, listeners, ending) lives
 * in {@code OperationTracer} and {@code Ag2Operations}. Recorders are beans: a recorder bean for an
 * annotation type replaces the built-in one. Recorder methods may throw: the failure is reported
 * and the user's call goes on untouched.
 * <p>
 * Internal API: may change without notice.
 *
 * @param <A> the annotation this recorder handles
 */
public abstract class SpanRecorder<A extends Annotation> {

	/** The span type of the annotation. */
	public abstract Ag2SpanType type();

	/** The annotation that makes a method traced by this recorder. */
	public abstract Class<A> annotationType();

	/** Decide what is known before the call: span name and kind, attributes, agent name, conversation. */
	public abstract void beforeStart(TracedOperation<A> operation);

	/** Read one chunk of a streamed result. */
	public void onChunk(TracedOperation<A> operation, Object chunk) {
	}

	/** Read the result of a call that returned normally (for asynchronous calls, the completed value). */
	public void onSuccess(TracedOperation<A> operation, @Nullable Object result) {
	}

	/** Final attributes and roll-ups, after success or failure, just before the span ends. */
	public void onEnd(TracedOperation<A> operation) {
	}

	/** {@code prefix name}, or the prefix alone when there is no name. */
	protected static String spanName(String prefix, @Nullable String name) {
		return (name == null || name.isEmpty()) ? prefix : prefix + ' ' + name;
	}

	/**
	 * The agent a conversation, human input or code execution belongs to: the annotation's
	 * {@code agent}, else the {@code @Agent} bean the method is declared on, else the agent whose
	 * turn is current.
	 */
	protected static @Nullable String owningAgent(String declared, TracedOperation<?> operation,
			AgentNames agentNames) {
		if (!declared.isEmpty()) {
			return declared;
		}
		String enclosing = agentNames.agentNameIfAgent(operation.target());
		return (enclosing != null) ? enclosing : operation.agentName();
	}

}
