package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.ProviderNames;
import io.opentelemetry.api.trace.SpanKind;

/**
 * {@code invoke_agent {name}}: one agent turn. A turn taken directly inside a conversation counts
 * towards its {@code gen_ai.conversation.turns}; a remote agent's span is a CLIENT span that the
 * HTTP client interceptor enriches with the server address.
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
	public void beforeStart(TracedOperation<Agent> call) {
		Agent agent = call.annotation();
		call.setAgentName(this.agentNames.agentName(call.methodCall().target(), agent));
		call.setIfPresent(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, agent.description());
		call.setIfPresent(Ag2Attributes.GEN_AI_PROVIDER_NAME, ProviderNames.normalize(agent.provider()));
		call.setIfPresent(Ag2Attributes.GEN_AI_REQUEST_MODEL, agent.model());
		if (agent.remote()) {
			call.setRemote(true);
			call.setAttribute(Ag2Attributes.GEN_AI_AGENT_REMOTE, true);
		}
		Ag2Frame parent = call.parentFrame();
		ConversationState conversation = call.conversation();
		if (parent != null && parent.type() == Ag2SpanType.CONVERSATION && conversation != null) {
			conversation.countTurn();
		}
	}

	@Override
	public String spanName(TracedOperation<Agent> call) {
		return spanName(Ag2Attributes.SPAN_INVOKE_AGENT, call.agentName());
	}

	@Override
	public SpanKind spanKind(TracedOperation<Agent> call) {
		return call.annotation().remote() ? SpanKind.CLIENT : SpanKind.INTERNAL;
	}

}
