package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import java.lang.annotation.Annotation;

import ai.ag2.tracing.Ag2SpanType;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

/**
 * What is special about one span type: its name, kind and attributes, and what it reads from the
 * result. Everything shared (starting the span, the scope, errors, asynchronous results, ending)
 * lives in {@link OperationTracer}. Recorder methods may throw: the tracer reports the failure and
 * the user's call goes on untouched.
 *
 * @param <A> the annotation this recorder handles
 */
public abstract class SpanRecorder<A extends Annotation> {

	public abstract Ag2SpanType type();

	/** The annotation that makes a method traced by this recorder. */
	public abstract Class<A> annotationType();

	/** Decide what is known before the call: attributes, agent name, conversation. */
	public void beforeStart(TracedOperation<A> call) {
	}

	public abstract String spanName(TracedOperation<A> call);

	public SpanKind spanKind(TracedOperation<A> call) {
		return SpanKind.INTERNAL;
	}

	/** Read the result of a call that returned normally (for asynchronous calls, the completed value). */
	public void onSuccess(TracedOperation<A> call, @Nullable Object result) {
	}

	/** Final attributes and roll-ups, after success or failure, just before the span ends. */
	public void onEnd(TracedOperation<A> call) {
	}

	/** {@code prefix name}, or the prefix alone when there is no name. */
	public static String spanName(String prefix, @Nullable String name) {
		return (name == null || name.isEmpty()) ? prefix : prefix + ' ' + name;
	}

}
