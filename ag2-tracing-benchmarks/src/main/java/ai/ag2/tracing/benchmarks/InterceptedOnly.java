package ai.ag2.tracing.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that {@link ProceedOnlyInterceptor} wraps: what a Spring AOP proxy with a plain
 * {@code MethodInterceptor} costs per call, the mechanism ag2's own advisor uses.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface InterceptedOnly {

}
