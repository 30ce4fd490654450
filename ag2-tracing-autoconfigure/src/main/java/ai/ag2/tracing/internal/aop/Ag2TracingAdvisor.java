package ai.ag2.tracing.internal.aop;

import java.lang.reflect.Method;

import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Applies {@link Ag2TracingInterceptor} to the methods it traces. Matching is decided once per
 * method and class when proxies are created, so calls of untraced methods are never intercepted.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2TracingAdvisor extends AbstractPointcutAdvisor {

	private final Ag2TracingInterceptor interceptor;

	private final Pointcut pointcut;

	public Ag2TracingAdvisor(Ag2TracingInterceptor interceptor) {
		this.interceptor = interceptor;
		this.pointcut = new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, @Nullable Class<?> targetClass) {
				return interceptor.traces(method, targetClass);
			}

		};
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

}
