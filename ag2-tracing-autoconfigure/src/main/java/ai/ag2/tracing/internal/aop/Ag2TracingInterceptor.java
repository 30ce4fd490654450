package ai.ag2.tracing.internal.aop;

import java.util.List;

import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.llm.LlmExtractors;
import io.opentelemetry.api.trace.Tracer;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Intercepts calls of methods that {@link TracedMethods} says are traced and hands each to
 * {@link InvocationTracer} with the recorder of its span type. A plain Spring AOP interceptor,
 * like the one behind {@code @Transactional}: no AspectJ weaver, no reflective advice call and no
 * join point per call.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2TracingInterceptor implements MethodInterceptor {

	private final InvocationTracer tracer;

	private final TracedMethods tracedMethods;

	public Ag2TracingInterceptor(Tracer tracer, ContentCapture content, AgentNames agentNames,
			LlmExtractors extractors) {
		AnnotationExpressions expressions = new AnnotationExpressions();
		this.tracer = new InvocationTracer(tracer);
		// Order of precedence when a method carries several ag2 annotations: one invocation, one span.
		this.tracedMethods = new TracedMethods(List.of(new ConversationSpanRecorder(agentNames, expressions),
				new MultiConversationSpanRecorder(agentNames, expressions),
				new SpeakerSelectionSpanRecorder(agentNames, expressions),
				new HumanInputSpanRecorder(agentNames, content),
				new CodeExecutionSpanRecorder(agentNames, expressions, content),
				new ToolSpanRecorder(expressions, content), new LlmSpanRecorder(extractors, expressions, content),
				new AgentSpanRecorder(agentNames)));
	}

	/** Whether calls of {@code method} on beans of {@code targetClass} are traced. */
	boolean traces(java.lang.reflect.Method method, @Nullable Class<?> targetClass) {
		try {
			return this.tracedMethods.resolve(method, targetClass) != null;
		}
		catch (RuntimeException | LinkageError ex) {
			InstrumentationFailures.report("deciding whether " + method + " is traced", ex);
			return false;
		}
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		TracedMethods.Traced<?> traced;
		try {
			Object target = invocation.getThis();
			traced = this.tracedMethods.resolve(invocation.getMethod(),
					(target != null) ? AopUtils.getTargetClass(target) : null);
		}
		catch (RuntimeException | LinkageError ex) {
			InstrumentationFailures.report("finding the ag2 annotation of " + invocation.getMethod(), ex);
			traced = null;
		}
		return (traced != null) ? trace(invocation, traced) : invocation.proceed();
	}

	private <A extends java.lang.annotation.Annotation> @Nullable Object trace(MethodInvocation invocation,
			TracedMethods.Traced<A> traced) throws Throwable {
		return this.tracer.trace(invocation, traced.annotation(), traced.recorder());
	}

}
