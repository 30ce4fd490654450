package ai.ag2.tracing.internal.recorder;

import java.util.Arrays;
import java.util.UUID;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.Template;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.jspecify.annotations.Nullable;

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
		ConversationDefinition definition = operation.methodState(this, ConversationDefinition::of);
		String agentName = owningAgent(definition.agent(), operation, this.agentNames);
		operation.setAgentName(agentName);
		operation.setSpanName(definition.spanNames().of(agentName));
		ConversationState enclosing = operation.conversation();
		operation.setConversation(new ConversationState(conversationId(definition, operation), enclosing));
		Template maxTurns = definition.maxTurns();
		operation.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS,
				ObjectProperties.wholeNumber(maxTurns.isEmpty() ? definition.maxTurnsArgument(operation.args())
						: maxTurns.value(operation.methodCall())));
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

	private static String conversationId(ConversationDefinition definition, TracedOperation<Conversation> operation) {
		Template template = definition.id();
		Object id = template.isEmpty() ? definition.idArgument(operation.args()) : template.value(operation.methodCall());
		String text = (id != null) ? id.toString() : null;
		return (text != null && !text.isBlank()) ? text : UUID.randomUUID().toString();
	}

	/**
	 * What a conversation method's span takes from its declaration, worked out once per method:
	 * the declared agent, the id and max-turns templates, and which parameters hold them (needs
	 * {@code -parameters}), in the order of the names they are looked up by.
	 */
	private record ConversationDefinition(String agent, SpanNameCache spanNames, Template id, int[] idParameters,
			Template maxTurns, int[] maxTurnsParameters) {

		static ConversationDefinition of(TracedOperation<Conversation> operation) {
			@Nullable String[] parameters = ParameterNames.of(operation.method());
			return new ConversationDefinition(operation.annotation().agent(),
					new SpanNameCache(Ag2Attributes.SPAN_CONVERSATION), operation.template("id"),
					indexes(parameters, "conversationId", "chatId", "sessionId", "threadId"),
					operation.template("maxTurns"), indexes(parameters, "maxTurns", "max_turns"));
		}

		// The position of each of the names among the parameters, in the order of the names.
		private static int[] indexes(@Nullable String[] parameters, String... names) {
			return Arrays.stream(names)
				.mapToInt((name) -> Arrays.asList(parameters).indexOf(name))
				.filter((index) -> index >= 0)
				.toArray();
		}

		@Nullable Object idArgument(@Nullable Object[] args) {
			return first(this.idParameters, args);
		}

		@Nullable Object maxTurnsArgument(@Nullable Object[] args) {
			return first(this.maxTurnsParameters, args);
		}

		// The argument of the first of the parameters that has a non-null one.
		private static @Nullable Object first(int[] indexes, @Nullable Object[] args) {
			for (int index : indexes) {
				if (index < args.length && args[index] != null) {
					return args[index];
				}
			}
			return null;
		}

	}

}
