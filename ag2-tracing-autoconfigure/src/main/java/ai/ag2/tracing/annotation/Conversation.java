package ai.ag2.tracing.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a conversation (AG2's {@code initiate_chat}): each invocation becomes a
 * {@code conversation {agent}} span, the root of the agent turns, LLM and tool calls inside it.
 * The span sums the token usage and cost of the LLM calls inside and counts the agent turns.
 * Its id ({@code gen_ai.conversation.id}) is stamped on every span inside it; it comes from
 * {@link #id()}, from an argument named {@code conversationId}/{@code chatId}/{@code sessionId},
 * or is generated.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Conversation {

	/** Name of the initiating agent; defaults to the enclosing {@code @Agent}'s name. */
	String agent() default "";

	/** SpEL for the conversation id, e.g. {@code #request.sessionId}. */
	String id() default "";

	/** Maximum number of turns: a number, or SpEL such as {@code #maxTurns}. */
	String maxTurns() default "";

}
