package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the choice of the next speaker in a group chat: a {@code speaker_selection} span with the
 * candidates (from the first collection argument) and the selected agent (from the result).
 * {@code @Agent} beans are recorded by their agent names.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SpeakerSelection {

	/** SpEL for the candidates, when the first collection argument is not the list. */
	String candidates() default "";

	/** SpEL for the selected speaker, evaluated after the call ({@code #result}). */
	String selected() default "";

}
