package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;

/**
 * {@code initiate_chats}: several conversations started together, sequentially or in parallel,
 * with their count and recipients (from a {@code chats}/{@code recipients} parameter or the
 * annotation's template; see {@link CandidateNames}).
 */
public final class MultiConversationSpanRecorder extends SpanRecorder<MultiConversation> {

	private final AgentNames agentNames;

	public MultiConversationSpanRecorder(AgentNames agentNames) {
		this.agentNames = agentNames;
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
	public void beforeStart(TracedOperation<MultiConversation> operation) {
		operation.setSpanName(Ag2Attributes.SPAN_INITIATE_CHATS);
		operation.setAttribute(Ag2Attributes.AG2_CHATS_MODE,
				(operation.annotation().mode() == MultiConversation.Mode.PARALLEL) ? Ag2Attributes.CHATS_MODE_PARALLEL
						: Ag2Attributes.CHATS_MODE_SEQUENTIAL);
		Object recipients = CandidateNames.values(operation, operation.template("recipients"), "chats", "recipients");
		Integer count = MethodCall.count(recipients);
		if (count != null) {
			operation.setAttribute(Ag2Attributes.AG2_CHATS_COUNT, (long) count);
			operation.setAttribute(Ag2Attributes.AG2_CHATS_RECIPIENTS, CandidateNames.of(recipients, this.agentNames));
		}
	}

}
