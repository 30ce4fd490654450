package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.internal.recorder.SpanRecorder;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.SpanOutcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The one path every ag2 span takes: start the span with what the recorder knows, make it current,
 * run the method, record the outcome, end the span once. Exceptions from the method are recorded
 * and rethrown unchanged; {@link CompletionStage} results end the span when they complete and are
 * returned as they are. A failure inside the instrumentation is reported and never reaches the
 * caller.
 */
final class OperationTracer {

	private final Tracer tracer;

	OperationTracer(Tracer tracer) {
		this.tracer = tracer;
	}

	<A extends Annotation> @Nullable Object trace(MethodInvocation invocation, Class<?> targetClass, Method method,
			A annotation, SpanRecorder<A> recorder) throws Throwable {
		Context parentContext = Context.current();
		TracedOperation<A> call = start(invocation, targetClass, method, annotation, recorder, parentContext);
		if (call == null) {
			return invocation.proceed();
		}
		Object result;
		try (Scope ignored = call.context(parentContext).makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			end(call, recorder, null, failure);
			throw failure;
		}
		if (result instanceof CompletionStage<?> stage) {
			endOnCompletion(call, recorder, stage);
		}
		else {
			end(call, recorder, result, null);
		}
		return result;
	}

	private <A extends Annotation> @Nullable TracedOperation<A> start(MethodInvocation invocation, Class<?> targetClass,
			Method method, A annotation, SpanRecorder<A> recorder, Context parentContext) {
		try {
			Ag2Frame parentFrame = Ag2Frame.from(parentContext);
			TracedOperation<A> call = new TracedOperation<>(annotation, MethodCall.of(invocation, targetClass, method),
					parentFrame);
			recorder.beforeStart(call);
			String operation = (call.operationName() != null) ? call.operationName() : recorder.type().operationName();
			SpanBuilder builder = this.tracer.spanBuilder(recorder.spanName(call))
				.setParent(parentContext)
				.setSpanKind(recorder.spanKind(call))
				.setAttribute(Ag2Attributes.AG2_SPAN_TYPE, recorder.type().value());
			if (operation != null) {
				builder.setAttribute(Ag2Attributes.GEN_AI_OPERATION_NAME, operation);
			}
			ConversationState conversation = call.conversation();
			if (conversation != null) {
				builder.setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversation.id());
			}
			if (call.agentName() != null) {
				builder.setAttribute(Ag2Attributes.GEN_AI_AGENT_NAME, call.agentName());
			}
			call.setStartAttributes(builder);
			Span span = builder.startSpan();
			call.started(span, new Ag2Frame(recorder.type(), span, parentFrame, call.agentName(), conversation,
					call.remote(), call.llmDetails()));
			return call;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting a " + recorder.type().value() + " span", ex);
			return null;
		}
	}

	private <A extends Annotation> void endOnCompletion(TracedOperation<A> call, SpanRecorder<A> recorder,
			CompletionStage<?> stage) {
		try {
			stage.whenComplete((value, failure) -> end(call, recorder, value, unwrap(failure)));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("watching an asynchronous result", ex);
			end(call, recorder, null, null);
		}
	}

	private <A extends Annotation> void end(TracedOperation<A> call, SpanRecorder<A> recorder, @Nullable Object result,
			@Nullable Throwable failure) {
		Span span = call.span();
		try {
			if (failure != null) {
				SpanOutcome.recordFailure(span, failure);
			}
			else {
				recorder.onSuccess(call, result);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the result of a " + recorder.type().value() + " span", ex);
		}
		try {
			recorder.onEnd(call);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("finishing a " + recorder.type().value() + " span", ex);
		}
		finally {
			SpanOutcome.end(span);
		}
	}

	private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
