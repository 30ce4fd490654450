package ai.ag2.tracing.benchmarks;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * A plain {@code MethodInterceptor} that only proceeds, applied by a static pointcut, as ag2's
 * advisor is: the floor of ag2's own interception (a CGLIB proxy, the method invocation and the
 * argument array), without AspectJ's join point and reflective advice call.
 */
public class ProceedOnlyInterceptor implements MethodInterceptor {

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return invocation.proceed();
	}

}
