package ai.ag2.tracing.internal.messaging;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.operation.Operation;
import io.opentelemetry.api.common.Attributes;

/**
 * Links the agent turn that handles an envelope to the envelope's span
 * ({@code ag2.link.kind=envelope}), as the messaging semantic conventions link a message's
 * processing to its creation: the turn whose nearest ag2 frame is the received envelope, not the
 * agents that turn calls in its turn. That agent is also the sender of what the handler sends
 * after the turn (a service activator's reply).
 * <p>
 * Internal API: may change without notice.
 */
public final class EnvelopeLinkListener implements Ag2OperationListener {

	@Override
	public void onStart(Ag2Operation operation) {
		if (operation.type() != Ag2SpanType.AGENT || !(operation instanceof Operation agentTurn)) {
			return;
		}
		Ag2Frame parent = agentTurn.parentFrame();
		if (parent == null || parent.type() != Ag2SpanType.ENVELOPE) {
			return;
		}
		Envelope envelope = Envelope.handledIn(agentTurn.parentContext());
		if (envelope != null) {
			Envelope.respondedIn(agentTurn.parentContext(), agentTurn.agentName());
			agentTurn.addLink(envelope.spanContext(), Attributes.of(Ag2Attributes.AG2_LINK_KIND,
					Ag2Attributes.LINK_KIND_ENVELOPE, Ag2Attributes.AG2_NETWORK_ENVELOPE_ID, envelope.id()));
		}
	}

}
