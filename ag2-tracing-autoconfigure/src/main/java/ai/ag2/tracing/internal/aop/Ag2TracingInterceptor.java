package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.internal.recorder.*;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * Hands each call of a traced method to {@link OperationTracer} with the recorder of the span
 * type its annotation stands for. A plain Spring AOP interceptor, like the one behind
 * {@code @Transactional}: no AspectJ weaver, no reflective advice call and no join point per call.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2TracingInterceptor implements MethodInterceptor {

	private final OperationTracer tracer;

	private final TracedMethods tracedMethods;

	private final Map<Class<? extends Annotation>, SpanRecorder<?>> recorders;

	public Ag2TracingInterceptor(TracedMethods tracedMethods, Tracer tracer, ContentCapture content,
			AgentNames agentNames, LlmExtractors extractors) {
		AnnotationTemplates expressions = new AnnotationTemplates();
		this.tracer = new OperationTracer(tracer);
		this.tracedMethods = tracedMethods;
		this.recorders = List
			.<SpanRecorder<?>>of(new ConversationSpanRecorder(agentNames, expressions),
					new MultiConversationSpanRecorder(agentNames, expressions),
					new SpeakerSelectionSpanRecorder(agentNames, expressions),
					new HumanInputSpanRecorder(agentNames, content),
					new CodeExecutionSpanRecorder(agentNames, expressions, content),
					new ToolSpanRecorder(expressions, content), new LlmSpanRecorder(extractors, expressions, content),
					new AgentSpanRecorder(agentNames))
			.stream()
			.collect(Collectors.toUnmodifiableMap(SpanRecorder::annotationType, Function.identity()));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Class<?> targetClass = null;
		TracedMethods.TracedMethod traced = null;
		SpanRecorder<?> recorder = null;
		try {
			Object target = invocation.getThis();
			targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
			traced = this.tracedMethods.resolve(invocation.getMethod(), targetClass);
			recorder = (traced != null) ? this.recorders.get(traced.annotation().annotationType()) : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("finding the ag2 annotation of " + invocation.getMethod(), ex);
		}
		return (traced != null && recorder != null && targetClass != null)
				? trace(invocation, targetClass, traced, recorder) : invocation.proceed();
	}

	@SuppressWarnings("unchecked")
	private <A extends Annotation> @Nullable Object trace(MethodInvocation invocation, Class<?> targetClass,
			TracedMethods.TracedMethod traced, SpanRecorder<A> recorder) throws Throwable {
		return this.tracer.trace(invocation, targetClass, traced.method(), (A) traced.annotation(), recorder);
	}

}
