package ai.ag2.tracing.internal.a2a;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.aop.TracedMethods;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.spec.AgentCard;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Traces an A2A {@code AgentExecutor} through the operation pipeline: each {@code execute} is a
 * {@code conversation {agent}} span ({@code gen_ai.conversation.id} = the A2A context id,
 * {@code a2a.task.id}) with one {@code invoke_agent {agent}} turn inside it, {@code {agent}} being
 * the agent card's name. Both continue the request's context: the one current on the executor's
 * thread when the SDK's thread pool carries it, else the one the request handler was called in
 * ({@link A2aServerCalls}), so that they hang under the request's {@code a2a-execution}. A
 * {@code cancel} that returns normally ends the task's conversation, if it is still open, with
 * {@code a2a.task.state=canceled}. An executor whose {@code execute} carries ag2's own
 * {@code @Agent} gets the conversation only (the annotation makes the turn); one carrying
 * {@code @Conversation} is left to its annotation. The executor's exceptions are recorded and
 * rethrown unchanged; a failure of the instrumentation leaves the call untraced.
 * <p>
 * Internal API: may change without notice.
 */
public final class AgentExecutorTracer {

	/** {@link Operation#instrumentation()} of the A2A integration's operations. */
	public static final String INSTRUMENTATION = "a2a";

	private final Ag2Operations operations;

	private final A2aServerCalls calls;

	private final Supplier<@Nullable AgentCard> agentCard;

	private final @Nullable TracedMethods tracedMethods;

	// The conversations of executions still running, by task id: a cancel ends them.
	private final Map<String, OpenConversation> open = new ConcurrentHashMap<>();

	/**
	 * @param operations the operation pipeline
	 * @param calls the contexts requests were received in
	 * @param agentCard the application's agent card, when it has exactly one
	 * @param tracedMethods which methods carry ag2's annotations, if ag2's advisor is present
	 */
	public AgentExecutorTracer(Ag2Operations operations, A2aServerCalls calls, Supplier<@Nullable AgentCard> agentCard,
			@Nullable TracedMethods tracedMethods) {
		this.operations = operations;
		this.calls = calls;
		this.agentCard = agentCard;
		this.tracedMethods = tracedMethods;
	}

	@Nullable Object execute(MethodInvocation invocation) throws Throwable {
		Execution execution = start(invocation);
		if (execution == null) {
			return invocation.proceed();
		}
		Object result;
		try (Scope ignored = execution.context().makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			end(execution, failure);
			throw failure;
		}
		end(execution, null);
		return result;
	}

	@Nullable Object cancel(MethodInvocation invocation) throws Throwable {
		OpenConversation conversation = null;
		try {
			RequestContext request = (RequestContext) invocation.getArguments()[0];
			conversation = (request != null && request.getTaskId() != null) ? this.open.get(request.getTaskId())
					: null;
			if (conversation != null) {
				// the executor's cancel may let execute return at once: its end must leave the conversation to us
				conversation.startCanceling();
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("ending the conversation of a canceled A2A task", ex);
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			if (conversation != null && conversation.stopCanceling()) {
				this.open.remove(conversation.taskId(), conversation);
				endConversation(conversation, null);
			}
			throw failure;
		}
		if (conversation != null) {
			this.open.remove(conversation.taskId(), conversation);
			conversation.operation().setAttribute(Ag2Attributes.A2A_TASK_STATE, Ag2Attributes.A2A_TASK_STATE_CANCELED);
			endConversation(conversation, null);
		}
		return result;
	}

	private @Nullable Execution start(MethodInvocation invocation) {
		try {
			RequestContext request = (RequestContext) invocation.getArguments()[0];
			if (request == null) {
				return null;
			}
			A2aServerCalls.Call call = this.calls.of(request.getCallContext());
			Context current = Context.current();
			Context parent = (!Span.fromContext(current).getSpanContext().isValid() && call != null) ? call.context()
					: current;
			Class<? extends Annotation> ag2Annotation = ag2Annotation(invocation);
			if (ag2Annotation == Conversation.class || ag2Annotation == MultiConversation.class) {
				return new Execution(parent, null, null);
			}
			AgentCard card = (call != null && call.agentName() != null) ? null : this.agentCard.get();
			String agentName = agentName(call, card, invocation);
			String description = (call != null && call.agentName() != null) ? call.agentDescription()
					: (card != null) ? card.description() : null;

			Operation conversation = new Operation(Ag2SpanType.CONVERSATION, parent, INSTRUMENTATION);
			conversation.setSpanName(Ag2Attributes.SPAN_CONVERSATION + ' ' + agentName);
			conversation.setAgentName(agentName);
			String contextId = request.getContextId();
			conversation.setConversation(new ConversationState(
					StringUtils.hasText(contextId) ? contextId : UUID.randomUUID().toString(), conversation.conversation()));
			conversation.setIfPresent(Ag2Attributes.A2A_TASK_ID, request.getTaskId());
			if (!this.operations.start(conversation)) {
				return new Execution(parent, null, null);
			}
			String taskId = request.getTaskId();
			OpenConversation opened = new OpenConversation(conversation, taskId);
			if (taskId != null) {
				this.open.put(taskId, opened);
			}
			Operation turn = null;
			if (ag2Annotation != Agent.class) {
				turn = new Operation(Ag2SpanType.AGENT, conversation.context(), INSTRUMENTATION);
				turn.setSpanName(Ag2Attributes.SPAN_INVOKE_AGENT + ' ' + agentName);
				turn.setAgentName(agentName);
				turn.setIfPresent(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, description);
				recordInput(turn, request);
				if (this.operations.start(turn)) {
					conversation.conversation().countTurn();
				}
				else {
					turn = null;
				}
			}
			return new Execution((turn != null) ? turn.context() : conversation.context(), opened, turn);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting the spans of an A2A agent execution", ex);
			return null;
		}
	}

	private void recordInput(Operation turn, RequestContext request) {
		ContentCapture content = this.operations.content();
		if (!content.isEnabled()) {
			return;
		}
		GenAiMessage message = A2aMessages.of(request.getMessage());
		if (message != null) {
			turn.setAttribute(Ag2Attributes.GEN_AI_INPUT_MESSAGES, content.json(List.of(message)));
		}
	}

	private void end(Execution execution, @Nullable Throwable failure) {
		Operation turn = execution.turn();
		if (turn != null) {
			this.operations.end(turn, failure);
		}
		OpenConversation conversation = execution.conversation();
		if (conversation == null) {
			return;
		}
		if (conversation.executeReturned()) {
			if (conversation.taskId() != null) {
				this.open.remove(conversation.taskId(), conversation);
			}
			endConversation(conversation, failure);
		}
	}

	private void endConversation(OpenConversation opened, @Nullable Throwable failure) {
		Operation conversation = opened.operation();
		if (conversation.isEnded()) {
			return;
		}
		try {
			ConversationState state = conversation.conversation();
			if (state != null) {
				conversation.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, state.turns());
				conversation.setAttribute(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, state.inputTokens());
				conversation.setAttribute(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, state.outputTokens());
				conversation.setAttribute(Ag2Attributes.GEN_AI_USAGE_COST, state.cost());
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the totals of an A2A conversation", ex);
		}
		this.operations.end(conversation, failure);
	}

	private @Nullable Class<? extends Annotation> ag2Annotation(MethodInvocation invocation) {
		if (this.tracedMethods == null) {
			return null;
		}
		Object target = invocation.getThis();
		TracedMethods.TracedMethod traced = this.tracedMethods.resolve(invocation.getMethod(),
				(target != null) ? AopUtils.getTargetClass(target) : null);
		return (traced != null) ? traced.annotation().annotationType() : null;
	}

	private static String agentName(A2aServerCalls.@Nullable Call call, @Nullable AgentCard card,
			MethodInvocation invocation) {
		if (call != null && StringUtils.hasText(call.agentName())) {
			return call.agentName();
		}
		if (card != null && StringUtils.hasText(card.name())) {
			return card.name();
		}
		Object target = invocation.getThis();
		return (target != null) ? StringUtils.uncapitalizeAsProperty(ClassUtils.getUserClass(target).getSimpleName())
				: "agent";
	}

	/** One execution: the context it runs in and the operations it opened. */
	private record Execution(Context context, @Nullable OpenConversation conversation, @Nullable Operation turn) {
	}

	/**
	 * The conversation of a running execution, and who ends it: {@code execute} when it returns,
	 * unless a cancel has started, which then ends it with the state canceled (or hands it back when
	 * the executor refused the cancel).
	 */
	private static final class OpenConversation {

		private final Operation operation;

		private final @Nullable String taskId;

		private boolean canceling;

		private boolean returned;

		OpenConversation(Operation operation, @Nullable String taskId) {
			this.operation = operation;
			this.taskId = taskId;
		}

		Operation operation() {
			return this.operation;
		}

		@Nullable String taskId() {
			return this.taskId;
		}

		synchronized void startCanceling() {
			this.canceling = true;
		}

		/** The cancel failed: whether execute has returned meanwhile (then the cancel ends the conversation). */
		synchronized boolean stopCanceling() {
			this.canceling = false;
			return this.returned;
		}

		/** Execute returned: whether it is to end the conversation (no cancel under way). */
		synchronized boolean executeReturned() {
			this.returned = true;
			return !this.canceling;
		}

	}

}
