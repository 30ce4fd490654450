package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that starts several conversations (AG2's {@code initiate_chats}): one
 * {@code initiate_chats} span under which each conversation nests, also when they run in
 * parallel on executors wrapped by {@code Ag2ContextPropagation}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MultiConversation {

	/** Whether the chats run one after another or at the same time ({@code ag2.chats.mode}). */
	Mode mode() default Mode.SEQUENTIAL;

	/**
	 * SpEL for the recipients (a collection of names or {@code @Agent} beans); by default they
	 * are read from the first collection argument.
	 */
	String recipients() default "";

	/** How the chats are run. */
	enum Mode {

		/** One after another. */
		SEQUENTIAL,

		/** At the same time. */
		PARALLEL

	}

}
