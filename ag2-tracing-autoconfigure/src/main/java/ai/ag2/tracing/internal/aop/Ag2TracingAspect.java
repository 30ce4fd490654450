package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.llm.LlmExtractors;
import io.opentelemetry.api.trace.Tracer;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;
import org.jspecify.annotations.Nullable;

/**
 * Finds the ag2 annotations and hands each call to {@link InvocationTracer} with the recorder of
 * its span type. A method-level annotation wins over a type-level {@code @Agent} or
 * {@code @LlmClient}, so one invocation makes one span.
 * <p>
 * Internal API: may change without notice.
 */
@Aspect
public final class Ag2TracingAspect {

	private final InvocationTracer tracer;

	private final AgentSpanRecorder agent;

	private final LlmSpanRecorder llm;

	private final ToolSpanRecorder tool;

	private final ConversationSpanRecorder conversation;

	private final MultiConversationSpanRecorder multiConversation;

	private final SpeakerSelectionSpanRecorder speakerSelection;

	private final HumanInputSpanRecorder humanInput;

	private final CodeExecutionSpanRecorder codeExecution;

	public Ag2TracingAspect(Tracer tracer, ContentCapture content, AgentNames agentNames, LlmExtractors extractors) {
		AnnotationExpressions expressions = new AnnotationExpressions();
		this.tracer = new InvocationTracer(tracer);
		this.agent = new AgentSpanRecorder(agentNames);
		this.llm = new LlmSpanRecorder(extractors, expressions, content);
		this.tool = new ToolSpanRecorder(expressions, content);
		this.conversation = new ConversationSpanRecorder(agentNames, expressions);
		this.multiConversation = new MultiConversationSpanRecorder(agentNames, expressions);
		this.speakerSelection = new SpeakerSelectionSpanRecorder(agentNames, expressions);
		this.humanInput = new HumanInputSpanRecorder(agentNames, content);
		this.codeExecution = new CodeExecutionSpanRecorder(agentNames, expressions, content);
	}

	@Pointcut("@annotation(ai.ag2.tracing.annotation.Agent) || @annotation(ai.ag2.tracing.annotation.LlmClient)"
			+ " || @annotation(ai.ag2.tracing.annotation.Tool) || @annotation(ai.ag2.tracing.annotation.Conversation)"
			+ " || @annotation(ai.ag2.tracing.annotation.MultiConversation)"
			+ " || @annotation(ai.ag2.tracing.annotation.SpeakerSelection)"
			+ " || @annotation(ai.ag2.tracing.annotation.HumanInput)"
			+ " || @annotation(ai.ag2.tracing.annotation.CodeExecution)")
	void annotatedMethod() {
	}

	@Pointcut("execution(public * *(..)) && !execution(boolean equals(Object)) && !execution(int hashCode())"
			+ " && !execution(String toString())")
	void publicMethodOfType() {
	}

	@Around("@annotation(agent)")
	public @Nullable Object agentMethod(ProceedingJoinPoint joinPoint, Agent agent) throws Throwable {
		return this.tracer.trace(joinPoint, agent, this.agent);
	}

	@Around("@within(agent) && publicMethodOfType() && !annotatedMethod()")
	public @Nullable Object agentType(ProceedingJoinPoint joinPoint, Agent agent) throws Throwable {
		return this.tracer.trace(joinPoint, agent, this.agent);
	}

	@Around("@annotation(client)")
	public @Nullable Object llmMethod(ProceedingJoinPoint joinPoint, LlmClient client) throws Throwable {
		return this.tracer.trace(joinPoint, client, this.llm);
	}

	@Around("@within(client) && publicMethodOfType() && !annotatedMethod()")
	public @Nullable Object llmType(ProceedingJoinPoint joinPoint, LlmClient client) throws Throwable {
		return this.tracer.trace(joinPoint, client, this.llm);
	}

	@Around("@annotation(tool)")
	public @Nullable Object tool(ProceedingJoinPoint joinPoint, Tool tool) throws Throwable {
		return this.tracer.trace(joinPoint, tool, this.tool);
	}

	@Around("@annotation(conversation)")
	public @Nullable Object conversation(ProceedingJoinPoint joinPoint, Conversation conversation) throws Throwable {
		return this.tracer.trace(joinPoint, conversation, this.conversation);
	}

	@Around("@annotation(multi)")
	public @Nullable Object multiConversation(ProceedingJoinPoint joinPoint, MultiConversation multi)
			throws Throwable {
		return this.tracer.trace(joinPoint, multi, this.multiConversation);
	}

	@Around("@annotation(selection)")
	public @Nullable Object speakerSelection(ProceedingJoinPoint joinPoint, SpeakerSelection selection)
			throws Throwable {
		return this.tracer.trace(joinPoint, selection, this.speakerSelection);
	}

	@Around("@annotation(input)")
	public @Nullable Object humanInput(ProceedingJoinPoint joinPoint, HumanInput input) throws Throwable {
		return this.tracer.trace(joinPoint, input, this.humanInput);
	}

	@Around("@annotation(execution)")
	public @Nullable Object codeExecution(ProceedingJoinPoint joinPoint, CodeExecution execution) throws Throwable {
		return this.tracer.trace(joinPoint, execution, this.codeExecution);
	}

}
