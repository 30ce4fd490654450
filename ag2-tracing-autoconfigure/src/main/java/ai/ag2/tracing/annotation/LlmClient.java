package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a call to a language model: each invocation becomes a CLIENT span named
 * {@code {operation} {model}}, e.g. {@code chat gpt-4o-mini}.
 * <p>
 * Request parameters, usage, finish reasons and response ids are read from recognised argument
 * and return types (OpenAI-compatible chat-completion shapes as records, POJOs, {@code Map}s
 * or Jackson trees; Spring AI {@code Prompt}/{@code ChatResponse}), from the SpEL attributes
 * below, from {@code Ag2Span.current()} inside the method, or from an
 * {@code LlmCallExtractor} bean. On a type, every public method the class declares is traced.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LlmClient {

	/** Provider name, normalised to the semantic-convention value ({@code OpenAI} → {@code openai}). */
	String provider() default "";

	/** Requested model; when empty, read from the request argument. */
	String model() default "";

	/** GenAI operation name ({@code chat}, {@code text_completion}, {@code embeddings}, …). */
	String operation() default "chat";

	/** SpEL for the input token count, evaluated after the call ({@code #result}, parameter names). */
	String inputTokens() default "";

	/** SpEL for the output token count, evaluated after the call. */
	String outputTokens() default "";

	/** SpEL for the cost of the call in the user's currency, evaluated after the call. */
	String cost() default "";

}
