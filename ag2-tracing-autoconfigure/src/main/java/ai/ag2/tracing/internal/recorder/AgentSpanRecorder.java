package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.ProviderNames;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import io.opentelemetry.api.trace.SpanKind;

/**
 * {@code invoke_agent {name}}: one agent turn. A turn taken directly inside a conversation counts
 * towards its {@code gen_ai.conversation.turns}; a remote agent's span is a CLIENT span that the
 * HTTP client instrumentation enriches with the server address.
 */
public final class AgentSpanRecorder extends SpanRecorder<Agent> {

	private final AgentNames agentNames;

	public AgentSpanRecorder(AgentNames agentNames) {
		this.agentNames = agentNames;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.AGENT;
	}

	@Override
	public Class<Agent> annotationType() {
		return Agent.class;
	}

	@Override
	public void beforeStart(TracedOperation<Agent> operation) {
		Agent agent = operation.annotation();
		operation.setAgentName(this.agentNames.agentName(operation.methodCall().target(), agent));
		operation.setSpanName(spanName(Ag2Attributes.SPAN_INVOKE_AGENT, operation.agentName()));
		operation.setIfPresent(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, agent.description());
		operation.setIfPresent(Ag2Attributes.GEN_AI_PROVIDER_NAME, ProviderNames.normalize(agent.provider()));
		operation.setIfPresent(Ag2Attributes.GEN_AI_REQUEST_MODEL, agent.model());
		if (agent.remote()) {
			operation.setKind(SpanKind.CLIENT);
			operation.setRemote(true);
			operation.setAttribute(Ag2Attributes.GEN_AI_AGENT_REMOTE, true);
		}
		Ag2Frame parent = operation.parentFrame();
		ConversationState conversation = operation.conversation();
		if (parent != null && parent.type() == Ag2SpanType.CONVERSATION && conversation != null) {
			conversation.countTurn();
		}
	}

}
