package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import org.jspecify.annotations.Nullable;

/**
 * What the interceptor works out once per traced method and target class, so that a call costs
 * one look-up: the annotation and its compiled values, the recorder, how the result ends, and what
 * the recorder itself works out once per method ({@link TracedOperation#methodState}).
 *
 * @param <A> the annotation
 */
final class MethodPlan<A extends Annotation> {

	private final A annotation;

	private final Method method;

	private final Class<?> targetClass;

	private final AnnotationTemplates templates;

	private final SpanRecorder<A> recorder;

	private final @Nullable AsyncEndStrategy async;

	private final boolean streaming;

	private final boolean declaredObject;

	private volatile @Nullable RecorderState recorderState;

	/**
	 * @param async the strategy for the declared return type, or {@code null} when the result is
	 * complete at return
	 * @param streaming whether the result is a stream of chunks
	 * @param declaredObject whether the method is declared to return {@code Object} (its strategy
	 * then depends on the value returned)
	 */
	MethodPlan(A annotation, Method method, Class<?> targetClass, AnnotationTemplates templates,
			SpanRecorder<A> recorder, @Nullable AsyncEndStrategy async, boolean streaming, boolean declaredObject) {
		this.annotation = annotation;
		this.method = method;
		this.targetClass = targetClass;
		this.templates = templates;
		this.recorder = recorder;
		this.async = async;
		this.streaming = streaming;
		this.declaredObject = declaredObject;
	}

	A annotation() {
		return this.annotation;
	}

	/** The method as declared on the target class. */
	Method method() {
		return this.method;
	}

	Class<?> targetClass() {
		return this.targetClass;
	}

	AnnotationTemplates templates() {
		return this.templates;
	}

	SpanRecorder<A> recorder() {
		return this.recorder;
	}

	@Nullable AsyncEndStrategy async() {
		return this.async;
	}

	boolean streaming() {
		return this.streaming;
	}

	boolean declaredObject() {
		return this.declaredObject;
	}

	/** Whether a result of this method can arrive in chunks (a stream, or whatever an {@code Object} holds). */
	boolean mayReceiveChunks() {
		return this.async != null || this.declaredObject;
	}

	@SuppressWarnings("unchecked")
	<T> @Nullable T recorderState(Object owner) {
		RecorderState state = this.recorderState;
		return (state != null && state.owner() == owner) ? (T) state.value() : null;
	}

	void setRecorderState(Object owner, Object value) {
		this.recorderState = new RecorderState(owner, value);
	}

	private record RecorderState(Object owner, Object value) {
	}

}
