package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;

import ai.ag2.tracing.Ag2SpanType;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

/**
 * What is special about one span type: its name, kind and attributes, and what it reads from the
 * result. Everything shared (starting the span, the scope, errors, asynchronous results, ending)
 * lives in {@link InvocationTracer}. Recorder methods may throw: the tracer reports the failure and
 * the user's call goes on untouched.
 *
 * @param <A> the annotation this recorder handles
 */
abstract class SpanRecorder<A extends Annotation> {

	abstract Ag2SpanType type();

	/** The annotation that makes a method traced by this recorder. */
	abstract Class<A> annotationType();

	/** Decide what is known before the call: attributes, agent name, conversation. */
	void beforeStart(TracedCall<A> call) {
	}

	abstract String spanName(TracedCall<A> call);

	SpanKind spanKind(TracedCall<A> call) {
		return SpanKind.INTERNAL;
	}

	/** Read the result of a call that returned normally (for asynchronous calls, the completed value). */
	void onSuccess(TracedCall<A> call, @Nullable Object result) {
	}

	/** Final attributes and roll-ups, after success or failure, just before the span ends. */
	void onEnd(TracedCall<A> call) {
	}

	/** {@code prefix name}, or the prefix alone when there is no name. */
	static String spanName(String prefix, @Nullable String name) {
		return (name == null || name.isEmpty()) ? prefix : prefix + ' ' + name;
	}

}
