package ai.ag2.tracing.internal.aop;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies ag2 tracing to the methods {@link TracedMethods} says are traced. Spring's auto-proxy
 * creator instantiates advisors while it is still setting up the other bean post-processors, so
 * this one needs nothing but reflection to match methods, and gets its {@link Ag2TracingInterceptor}
 * (and with it the OpenTelemetry SDK, the extractors, the application's extractor beans) only on
 * the first traced call: creating those early would keep them, and the beans they pull in, from
 * being post-processed (and proxied) like every other bean.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2TracingAdvisor extends AbstractPointcutAdvisor {

	private final Pointcut pointcut;

	private final Advice advice;

	public Ag2TracingAdvisor(TracedMethods tracedMethods, Supplier<Ag2TracingInterceptor> interceptor) {
		StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				try {
					return tracedMethods.resolve(method, targetClass) != null;
				}
				catch (InvalidAnnotationTemplateException ex) {
					throw ex;
				}
				catch (Throwable ex) {
					InstrumentationFailures.report("deciding whether " + method + " is traced", ex);
					return false;
				}
			}

		};
		// every bean class is checked once, as it is considered for proxying: an invalid annotation
		// value fails start-up there, naming the method
		pointcut.setClassFilter((type) -> {
			try {
				tracedMethods.checkClass(type);
			}
			catch (InvalidAnnotationTemplateException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("checking the ag2 annotations of " + type.getName(), ex);
			}
			return true;
		});
		this.pointcut = pointcut;
		this.advice = new LazyInterceptor(SingletonSupplier.of(interceptor));
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	private record LazyInterceptor(Supplier<Ag2TracingInterceptor> interceptor) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Ag2TracingInterceptor target;
			try {
				target = this.interceptor.get();
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("getting the ag2 tracing interceptor", ex);
				return invocation.proceed();
			}
			return target.invoke(invocation);
		}

	}

}
