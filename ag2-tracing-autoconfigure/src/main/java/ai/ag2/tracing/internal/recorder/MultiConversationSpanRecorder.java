package ai.ag2.tracing.internal.recorder;


import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.internal.AgentNames;

/**
 * {@code initiate_chats}: several conversations started together, sequentially or in parallel,
 * with their count and recipients.
 */
public final class MultiConversationSpanRecorder extends SpanRecorder<MultiConversation> {

	private final AgentNames agentNames;

	private final AnnotationTemplates expressions;

	public MultiConversationSpanRecorder(AgentNames agentNames, AnnotationTemplates expressions) {
		this.agentNames = agentNames;
		this.expressions = expressions;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.MULTI_CONVERSATION;
	}

	@Override
	public Class<MultiConversation> annotationType() {
		return MultiConversation.class;
	}

	@Override
	public void beforeStart(TracedOperation<MultiConversation> call) {
		MultiConversation multi = call.annotation();
		call.setAttribute(Ag2Attributes.AG2_CHATS_MODE,
				(multi.mode() == MultiConversation.Mode.PARALLEL) ? Ag2Attributes.CHATS_MODE_PARALLEL
						: Ag2Attributes.CHATS_MODE_SEQUENTIAL);
		MethodCall invocation = call.methodCall();
		Object recipients = multi.recipients().isEmpty() ? invocation.multiValuedArgument("chats", "recipients", "agents")
				: this.expressions.evaluate(multi.recipients(), invocation);
		Integer count = CandidateNames.count(recipients);
		if (count != null) {
			call.setAttribute(Ag2Attributes.AG2_CHATS_COUNT, (long) count);
			call.setStringList(Ag2Attributes.AG2_CHATS_RECIPIENTS, CandidateNames.of(recipients, this.agentNames));
		}
	}

	@Override
	public String spanName(TracedOperation<MultiConversation> call) {
		return Ag2Attributes.SPAN_INITIATE_CHATS;
	}

}
