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

	private final TracedAnnotations<Agent> agents = new TracedAnnotations<>(Agent.class);

	private final TracedAnnotations<LlmClient> llmClients = new TracedAnnotations<>(LlmClient.class);

	private final TracedAnnotations<Tool> tools = new TracedAnnotations<>(Tool.class);

	private final TracedAnnotations<Conversation> conversations = new TracedAnnotations<>(Conversation.class);

	private final TracedAnnotations<MultiConversation> multiConversations = new TracedAnnotations<>(
			MultiConversation.class);

	private final TracedAnnotations<SpeakerSelection> speakerSelections = new TracedAnnotations<>(
			SpeakerSelection.class);

	private final TracedAnnotations<HumanInput> humanInputs = new TracedAnnotations<>(HumanInput.class);

	private final TracedAnnotations<CodeExecution> codeExecutions = new TracedAnnotations<>(CodeExecution.class);

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

	// No pointcut binds its annotation: binding makes Spring AOP re-match the pointcut on every call.
	// The annotation is looked up inside the tracer, where a failure cannot reach the caller.

	@Around("@annotation(ai.ag2.tracing.annotation.Agent)")
	public @Nullable Object agentMethod(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.agents.methodAnnotation, this.agent);
	}

	@Around("@within(ai.ag2.tracing.annotation.Agent) && publicMethodOfType() && !annotatedMethod()")
	public @Nullable Object agentType(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.agents.typeAnnotation, this.agent);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.LlmClient)")
	public @Nullable Object llmMethod(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.llmClients.methodAnnotation, this.llm);
	}

	@Around("@within(ai.ag2.tracing.annotation.LlmClient) && publicMethodOfType() && !annotatedMethod()")
	public @Nullable Object llmType(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.llmClients.typeAnnotation, this.llm);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.Tool)")
	public @Nullable Object tool(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.tools.methodAnnotation, this.tool);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.Conversation)")
	public @Nullable Object conversation(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.conversations.methodAnnotation, this.conversation);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.MultiConversation)")
	public @Nullable Object multiConversation(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.multiConversations.methodAnnotation, this.multiConversation);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.SpeakerSelection)")
	public @Nullable Object speakerSelection(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.speakerSelections.methodAnnotation, this.speakerSelection);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.HumanInput)")
	public @Nullable Object humanInput(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.humanInputs.methodAnnotation, this.humanInput);
	}

	@Around("@annotation(ai.ag2.tracing.annotation.CodeExecution)")
	public @Nullable Object codeExecution(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracer.trace(joinPoint, this.codeExecutions.methodAnnotation, this.codeExecution);
	}

}
