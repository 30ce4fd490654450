package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a wait for human input: an {@code await_human_input {agent}} span. With content capture
 * on, the prompt (the first String argument) and the response (the result) are recorded.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HumanInput {

	/** Agent asking for input; defaults to the enclosing {@code @Agent}'s name. */
	String agent() default "";

}
