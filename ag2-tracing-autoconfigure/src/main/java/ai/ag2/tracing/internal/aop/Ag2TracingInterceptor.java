package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Hands each call of a traced method to {@link OperationTracer} with the recorder of the span type
 * its annotation stands for. A plain Spring AOP interceptor, like the one behind
 * {@code @Transactional}: no AspectJ weaver, no reflective advice call and no join point per call.
 * Recorders are beans; which recorder and which end strategy a method gets is worked out once per
 * method.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2TracingInterceptor implements MethodInterceptor {

	private final OperationTracer tracer;

	private final TracedMethods tracedMethods;

	private final AsyncEndStrategies asyncStrategies;

	private final Map<Class<? extends Annotation>, SpanRecorder<?>> recorders;

	public Ag2TracingInterceptor(TracedMethods tracedMethods, Ag2Operations operations, List<SpanRecorder<?>> recorders,
			AsyncEndStrategies asyncStrategies) {
		this.tracer = new OperationTracer(operations, asyncStrategies);
		this.tracedMethods = tracedMethods;
		this.asyncStrategies = asyncStrategies;
		// the first recorder for an annotation wins: the application's beans come first
		this.recorders = recorders.stream()
			.collect(Collectors.toUnmodifiableMap(SpanRecorder::annotationType, Function.identity(),
					(first, second) -> first));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Class<?> targetClass = null;
		TracedMethods.TracedMethod traced = null;
		MethodPlan<?> plan = null;
		try {
			Object target = invocation.getThis();
			targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
			traced = this.tracedMethods.resolve(invocation.getMethod(), targetClass);
			plan = (traced != null) ? plan(traced) : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("finding the ag2 annotation of " + invocation.getMethod(), ex);
		}
		return (plan != null && targetClass != null) ? this.tracer.trace(invocation, targetClass, traced, plan)
				: invocation.proceed();
	}

	private @Nullable MethodPlan<?> plan(TracedMethods.TracedMethod traced) {
		if (traced.plan() instanceof MethodPlan<?> plan && plan.owner() == this) {
			return plan;
		}
		SpanRecorder<?> recorder = this.recorders.get(traced.annotation().annotationType());
		if (recorder == null) {
			return null;
		}
		Class<?> returnType = traced.method().getReturnType();
		AsyncEndStrategy async = this.asyncStrategies.forType(returnType);
		MethodPlan<?> plan = new MethodPlan<>(recorder, async, async != null && async.isStream(returnType),
				returnType == Object.class, this);
		traced.setPlan(plan);
		return plan;
	}

}
