package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

import org.springframework.aop.SpringProxy;
import org.springframework.aop.TargetClassAware;
import org.springframework.aop.support.AopUtils;

/**
 * Hands each call of a traced method to {@link OperationTracer} with the recorder of the span type
 * its annotation stands for. A plain Spring AOP interceptor, like the one behind
 * {@code @Transactional}: no AspectJ weaver, no reflective advice call and no join point per call.
 * Recorders are beans; which recorder and which end strategy a method gets is worked out once per
 * method and target class, into a plan that each call finds with one look-up.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2TracingInterceptor implements MethodInterceptor {

	private static final PlanEntry[] NO_ENTRIES = {};

	private final OperationTracer tracer;

	private final TracedMethods tracedMethods;

	private final AsyncEndStrategies asyncStrategies;

	private final Map<Class<? extends Annotation>, SpanRecorder<?>> recorders;

	// Per method, the plans of the target classes it is called on (almost always one): a call costs
	// one look-up by method and an identity check of the class.
	private final ConcurrentHashMap<Method, PlanEntry[]> plans = new ConcurrentHashMap<>();

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
		Object target = invocation.getThis();
		MethodPlan<?> plan = null;
		try {
			if (target == null) {
				// a proxy without a target (an empty TargetSource): nothing to name the span after
				throw new IllegalStateException("No target for " + invocation.getMethod());
			}
			plan = plan(invocation.getMethod(), targetClass(target));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("finding the ag2 annotation of " + invocation.getMethod(), ex);
		}
		return (plan != null) ? this.tracer.trace(invocation, target, plan) : invocation.proceed();
	}

	// AopUtils.getTargetClass, without its class-name check for targets that are not proxies themselves
	private static Class<?> targetClass(Object target) {
		return (target instanceof TargetClassAware || target instanceof SpringProxy) ? AopUtils.getTargetClass(target)
				: target.getClass();
	}

	private @Nullable MethodPlan<?> plan(Method method, Class<?> targetClass) {
		PlanEntry[] entries = this.plans.get(method);
		if (entries != null) {
			for (PlanEntry entry : entries) {
				if (entry.targetClass() == targetClass) {
					return entry.plan();
				}
			}
		}
		return addPlan(method, targetClass);
	}

	private @Nullable MethodPlan<?> addPlan(Method method, Class<?> targetClass) {
		MethodPlan<?> plan = newPlan(method, targetClass);
		this.plans.compute(method, (key, known) -> {
			PlanEntry[] current = (known != null) ? known : NO_ENTRIES;
			for (PlanEntry entry : current) {
				if (entry.targetClass() == targetClass) {
					return current;
				}
			}
			PlanEntry[] added = Arrays.copyOf(current, current.length + 1);
			added[current.length] = new PlanEntry(targetClass, plan);
			return added;
		});
		return plan;
	}

	private @Nullable MethodPlan<?> newPlan(Method method, Class<?> targetClass) {
		TracedMethods.TracedMethod traced = this.tracedMethods.resolve(method, targetClass);
		if (traced == null) {
			return null;
		}
		SpanRecorder<?> recorder = this.recorders.get(traced.annotation().annotationType());
		return (recorder != null) ? newPlan(traced, targetClass, recorder) : null;
	}

	@SuppressWarnings("unchecked")
	private <A extends Annotation> MethodPlan<A> newPlan(TracedMethods.TracedMethod traced, Class<?> targetClass,
			SpanRecorder<A> recorder) {
		Class<?> returnType = traced.method().getReturnType();
		AsyncEndStrategy async = this.asyncStrategies.forType(returnType);
		return new MethodPlan<>((A) traced.annotation(), traced.method(), targetClass, traced.templates(), recorder,
				async, async != null && async.isStream(returnType), returnType == Object.class);
	}

	/** The plan of a method called on one target class ({@code null}: not traced there). */
	private record PlanEntry(Class<?> targetClass, @Nullable MethodPlan<?> plan) {
	}

}
