package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an agent: each invocation becomes an {@code invoke_agent {name}} span, one agent turn.
 * <p>
 * On a type, every public method the class declares is traced (except {@code equals},
 * {@code hashCode} and {@code toString}); a method that carries any ag2 annotation of its own
 * is traced by that annotation instead. Calls from inside the same bean ({@code this.turn()})
 * bypass the Spring proxy and are not traced.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Agent {

	/** Agent name ({@code gen_ai.agent.name}); defaults to the bean name. */
	String name() default "";

	/** Human-readable description ({@code gen_ai.agent.description}). */
	String description() default "";

	/**
	 * Whether the agent runs in another service and is called over HTTP: the span is then
	 * of kind CLIENT and records {@code server.address} and {@code server.port} of the call.
	 */
	boolean remote() default false;

	/** Provider of the one model this agent is bound to, if any ({@code gen_ai.provider.name}). */
	String provider() default "";

	/** The one model this agent is bound to, if any ({@code gen_ai.request.model}). */
	String model() default "";

}
