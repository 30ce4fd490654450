package ai.ag2.tracing.internal.recorder;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.ProviderNames;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

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
		AgentDefinition definition = operation.methodState(this, AgentDefinition::of);
		String agentName = (definition.name() != null) ? definition.name()
				: this.agentNames.agentName(operation.target(), operation.annotation());
		operation.setAgentName(agentName);
		operation.setSpanName(definition.spanNames().of(agentName));
		// description, provider, model, remote: the same for every call of the method
		operation.setConstantAttributes(definition.attributes());
		if (definition.remote()) {
			operation.setKind(SpanKind.CLIENT);
			operation.setRemote(true);
		}
		Ag2Frame parent = operation.parentFrame();
		ConversationState conversation = operation.conversation();
		if (parent != null && parent.type() == Ag2SpanType.CONVERSATION && conversation != null) {
			conversation.countTurn();
		}
	}

	/**
	 * What an agent method's span takes from its annotation, worked out once per method (the
	 * annotation's values are read through a proxy, call after call otherwise).
	 */
	private record AgentDefinition(@Nullable String name, SpanNameCache spanNames, Object[] attributes,
			boolean remote) {

		static AgentDefinition of(TracedOperation<Agent> operation) {
			Agent agent = operation.annotation();
			List<Object> attributes = new ArrayList<>(8);
			add(attributes, Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, agent.description());
			add(attributes, Ag2Attributes.GEN_AI_PROVIDER_NAME, ProviderNames.normalize(agent.provider()));
			add(attributes, Ag2Attributes.GEN_AI_REQUEST_MODEL, agent.model());
			if (agent.remote()) {
				attributes.add(Ag2Attributes.GEN_AI_AGENT_REMOTE);
				attributes.add(Boolean.TRUE);
			}
			return new AgentDefinition(agent.name().isEmpty() ? null : agent.name(),
					new SpanNameCache(Ag2Attributes.SPAN_INVOKE_AGENT), attributes.toArray(), agent.remote());
		}

		private static void add(List<Object> attributes, AttributeKey<String> key, @Nullable String value) {
			if (value != null && !value.isEmpty()) {
				attributes.add(key);
				attributes.add(value);
			}
		}

	}

}
