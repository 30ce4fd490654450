package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.AgentNames;
import org.jspecify.annotations.Nullable;

/**
 * The agent a conversation, human input or code execution belongs to: the annotation's
 * {@code agent}, else the {@code @Agent} bean the method is declared on, else the agent whose turn
 * is current.
 */
final class AgentOfCall {

	private AgentOfCall() {
	}

	static @Nullable String name(String declared, TracedOperation<?> call, AgentNames agentNames) {
		if (!declared.isEmpty()) {
			return declared;
		}
		String enclosing = agentNames.agentNameIfAgent(call.methodCall().target());
		return (enclosing != null) ? enclosing : call.agentName();
	}

}
