package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;

import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import org.jspecify.annotations.Nullable;

/**
 * What the interceptor works out once per traced method: the recorder of its annotation and how
 * its result ends.
 *
 * @param recorder the recorder of the method's annotation
 * @param async the strategy for the declared return type, or {@code null} when the result is
 * complete at return
 * @param streaming whether the result is a stream of chunks
 * @param declaredObject whether the method is declared to return {@code Object} (its strategy then
 * depends on the value returned)
 * @param owner the interceptor that made the plan
 * @param <A> the annotation
 */
record MethodPlan<A extends Annotation>(SpanRecorder<A> recorder, @Nullable AsyncEndStrategy async, boolean streaming,
		boolean declaredObject, Object owner) {
}
