package ai.ag2.tracing.internal.aop;


import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.internal.AgentNames;

/**
 * {@code initiate_chats}: several conversations started together, sequentially or in parallel,
 * with their count and recipients.
 */
final class MultiConversationSpanRecorder extends SpanRecorder<MultiConversation> {

	private final AgentNames agentNames;

	private final AnnotationExpressions expressions;

	MultiConversationSpanRecorder(AgentNames agentNames, AnnotationExpressions expressions) {
		this.agentNames = agentNames;
		this.expressions = expressions;
	}

	@Override
	Ag2SpanType type() {
		return Ag2SpanType.MULTI_CONVERSATION;
	}

	@Override
	Class<MultiConversation> annotationType() {
		return MultiConversation.class;
	}

	@Override
	void beforeStart(TracedCall<MultiConversation> call) {
		MultiConversation multi = call.annotation();
		call.setAttribute(Ag2Attributes.AG2_CHATS_MODE,
				(multi.mode() == MultiConversation.Mode.PARALLEL) ? Ag2Attributes.CHATS_MODE_PARALLEL
						: Ag2Attributes.CHATS_MODE_SEQUENTIAL);
		Invocation invocation = call.invocation();
		Object recipients = multi.recipients().isEmpty() ? invocation.multiValuedArgument("chats", "recipients", "agents")
				: this.expressions.evaluate(multi.recipients(), invocation);
		Integer count = Names.count(recipients);
		if (count != null) {
			call.setAttribute(Ag2Attributes.AG2_CHATS_COUNT, (long) count);
			call.setStringList(Ag2Attributes.AG2_CHATS_RECIPIENTS, Names.of(recipients, this.agentNames));
		}
	}

	@Override
	String spanName(TracedCall<MultiConversation> call) {
		return Ag2Attributes.SPAN_INITIATE_CHATS;
	}

}
