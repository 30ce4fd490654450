package ai.ag2.tracing.benchmarks;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.jspecify.annotations.Nullable;

/**
 * An around advice that only proceeds: the floor of every annotation-driven variant, since ag2's,
 * Micrometer's and OpenTelemetry's aspects all run in the same Spring AOP proxy machinery.
 */
@Aspect
public class ProceedOnlyAspect {

	@Around("@annotation(ai.ag2.tracing.benchmarks.ProceedOnly)")
	public @Nullable Object proceed(ProceedingJoinPoint joinPoint) throws Throwable {
		return joinPoint.proceed();
	}

}
