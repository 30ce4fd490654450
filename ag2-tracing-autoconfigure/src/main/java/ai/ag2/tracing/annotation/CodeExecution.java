package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a code execution: an {@code execute_code {agent}} span. The exit code and output are read
 * from the returned object ({@code exitCode()}/{@code getExitCode()}, {@code output()}/{@code
 * getOutput()}, or map keys) or from the SpEL attributes. A non-zero exit code marks the span as
 * an error of type {@code CodeExecutionError}; the result is returned unchanged.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CodeExecution {

	/** Agent running the code; defaults to the enclosing {@code @Agent}'s name. */
	String agent() default "";

	/** SpEL for the exit code, evaluated after the call ({@code #result}). */
	String exitCode() default "";

	/** SpEL for the output, evaluated after the call; recorded only with content capture on. */
	String output() default "";

}
