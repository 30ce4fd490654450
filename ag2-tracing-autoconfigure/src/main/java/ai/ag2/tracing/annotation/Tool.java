package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a tool an agent can call: each invocation becomes an {@code execute_tool {name}} span.
 * With content capture on, the arguments (by parameter name) and the result are recorded.
 * <p>
 * Beside LangChain4j's {@code @Tool} on the same method, ag2 does not proxy the method (LangChain4j's
 * {@code AiServices} looks for its annotation on the bean's own class): the span is made as
 * {@code AiServices} runs the tool through {@code Ag2LangChain4j#tools}, with this annotation's
 * name, description and type added to it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Tool {

	/** Tool name ({@code gen_ai.tool.name}); defaults to the method name. */
	String name() default "";

	/** Tool description ({@code gen_ai.tool.description}). */
	String description() default "";

	/** Tool type ({@code gen_ai.tool.type}): {@code function}, {@code extension} or {@code datastore}. */
	String type() default "function";

	/** SpEL for the tool call id ({@code gen_ai.tool.call.id}), e.g. {@code #call.id}. */
	String callId() default "";

}
