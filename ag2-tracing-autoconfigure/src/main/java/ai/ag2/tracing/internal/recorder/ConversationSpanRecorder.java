package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import java.util.UUID;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import org.jspecify.annotations.Nullable;

/**
 * {@code conversation {agent}}: the root of a chat. It opens a {@link ConversationState} whose id
 * every span inside carries, and on end writes the turns taken and the usage summed over the LLM
 * calls inside.
 */
public final class ConversationSpanRecorder extends SpanRecorder<Conversation> {

	private final AgentNames agentNames;

	private final AnnotationTemplates expressions;

	public ConversationSpanRecorder(AgentNames agentNames, AnnotationTemplates expressions) {
		this.agentNames = agentNames;
		this.expressions = expressions;
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
	public void beforeStart(TracedOperation<Conversation> call) {
		Conversation conversation = call.annotation();
		MethodCall invocation = call.methodCall();
		call.setAgentName(AgentOfCall.name(conversation.agent(), call, this.agentNames));
		ConversationState enclosing = call.conversation();
		call.setConversation(new ConversationState(conversationId(conversation, invocation), enclosing));
		call.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, maxTurns(conversation, invocation));
	}

	@Override
	public String spanName(TracedOperation<Conversation> call) {
		return spanName(Ag2Attributes.SPAN_CONVERSATION, call.agentName());
	}

	@Override
	public void onEnd(TracedOperation<Conversation> call) {
		ConversationState state = call.conversation();
		if (state == null) {
			return;
		}
		call.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, state.turns());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, state.inputTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, state.outputTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_COST, state.cost());
	}

	private String conversationId(Conversation conversation, MethodCall invocation) {
		Object id = conversation.id().isEmpty()
				? invocation.argument("conversationId", "chatId", "sessionId", "threadId")
				: this.expressions.evaluate(conversation.id(), invocation);
		return (id != null && !id.toString().isBlank()) ? id.toString() : UUID.randomUUID().toString();
	}

	private @Nullable Long maxTurns(Conversation conversation, MethodCall invocation) {
		String maxTurns = conversation.maxTurns().trim();
		Object value;
		if (maxTurns.isEmpty()) {
			value = invocation.argument("maxTurns", "max_turns");
		}
		else if (maxTurns.chars().allMatch(Character::isDigit)) {
			value = Long.parseLong(maxTurns);
		}
		else {
			value = this.expressions.evaluate(maxTurns, invocation);
		}
		return ObjectProperties.wholeNumber(value);
	}

}
