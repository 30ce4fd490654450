package ai.ag2.tracing.internal.a2a;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies {@link AgentExecutorTracer} to {@code execute} and {@code cancel} of every A2A
 * {@link AgentExecutor} bean, through Spring's auto-proxy creator with a class-based proxy (the
 * bean keeps its class). It comes before ag2's own advisor, so that an {@code @Agent} on the
 * executor is a turn inside the executor's conversation. Final classes, which no class-based proxy
 * can extend, are left untraced (logged once at WARN). It needs nothing but reflection until the
 * first traced call.
 * <p>
 * Internal API: may change without notice.
 */
public final class AgentExecutorAdvisor extends AbstractPointcutAdvisor {

	private final Pointcut pointcut = new ExecutorMethods();

	private final Advice advice;

	/**
	 * @param tracer what traces the calls; asked for on the first traced call
	 */
	public AgentExecutorAdvisor(Supplier<AgentExecutorTracer> tracer) {
		this.advice = new TraceExecutor(SingletonSupplier.of(tracer));
		setOrder(Ordered.LOWEST_PRECEDENCE - 1);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	static boolean canAdvise(Class<?> type) {
		if (!AgentExecutor.class.isAssignableFrom(type)) {
			return false;
		}
		if (Modifier.isFinal(type.getModifiers())) {
			InstrumentationFailures.warnOnce("a2a-final|" + type.getName(), "ag2-tracing: the A2A AgentExecutor "
					+ type.getName() + " is final, so its calls cannot be traced through a proxy of its class; "
					+ "it runs untraced");
			return false;
		}
		return true;
	}

	static boolean isExecute(Method method) {
		return method.getName().equals("execute") && isExecutorMethod(method);
	}

	static boolean isCancel(Method method) {
		return method.getName().equals("cancel") && isExecutorMethod(method);
	}

	private static boolean isExecutorMethod(Method method) {
		Class<?>[] parameters = method.getParameterTypes();
		return !Modifier.isStatic(method.getModifiers()) && parameters.length == 2
				&& parameters[0] == RequestContext.class && parameters[1] == EventQueue.class;
	}

	private static final class ExecutorMethods extends StaticMethodMatcherPointcut {

		ExecutorMethods() {
			setClassFilter(AgentExecutorAdvisor::canAdvise);
		}

		@Override
		public boolean matches(Method method, @Nullable Class<?> targetClass) {
			return isExecute(method) || isCancel(method);
		}

	}

	private record TraceExecutor(Supplier<AgentExecutorTracer> tracer) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			AgentExecutorTracer tracer;
			try {
				tracer = this.tracer.get();
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("preparing to trace an A2A agent executor", ex);
				return invocation.proceed();
			}
			Method method = invocation.getMethod();
			if (isExecute(method)) {
				return tracer.execute(invocation);
			}
			return isCancel(method) ? tracer.cancel(invocation) : invocation.proceed();
		}

	}

}
