package ai.ag2.tracing.internal.recorder;

import java.util.UUID;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.Template;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.reflect.ObjectProperties;

/**
 * {@code conversation {agent}}: the root of a chat. It opens a {@link ConversationState} whose id
 * every span inside carries, and on end writes the turns taken and the usage summed over the LLM
 * calls inside.
 */
public final class ConversationSpanRecorder extends SpanRecorder<Conversation> {

	private final AgentNames agentNames;

	public ConversationSpanRecorder(AgentNames agentNames) {
		this.agentNames = agentNames;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.CONVERSATION;
	}

	@Override
	public Class<Conversation> annotationType() {
		return Conversation.class;
	}

	@Override
	public void beforeStart(TracedOperation<Conversation> operation) {
		MethodCall call = operation.methodCall();
		operation.setAgentName(owningAgent(operation.annotation().agent(), operation, this.agentNames));
		operation.setSpanName(spanName(Ag2Attributes.SPAN_CONVERSATION, operation.agentName()));
		ConversationState enclosing = operation.conversation();
		operation.setConversation(new ConversationState(conversationId(operation, call), enclosing));
		Template maxTurns = operation.template("maxTurns");
		operation.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, ObjectProperties.wholeNumber(
				maxTurns.isEmpty() ? call.argument("maxTurns", "max_turns") : maxTurns.value(call)));
	}

	@Override
	public void onEnd(TracedOperation<Conversation> operation) {
		ConversationState state = operation.conversation();
		if (state == null) {
			return;
		}
		operation.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, state.turns());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, state.inputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, state.outputTokens());
		operation.setAttribute(Ag2Attributes.GEN_AI_USAGE_COST, state.cost());
	}

	private static String conversationId(TracedOperation<Conversation> operation, MethodCall call) {
		Template template = operation.template("id");
		Object id = template.isEmpty() ? call.argument("conversationId", "chatId", "sessionId", "threadId")
				: template.value(call);
		return (id != null && !id.toString().isBlank()) ? id.toString() : UUID.randomUUID().toString();
	}

}
