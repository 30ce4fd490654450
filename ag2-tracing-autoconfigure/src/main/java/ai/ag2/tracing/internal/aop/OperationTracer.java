package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.async.AsyncOutcome;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The path of every annotated call: make the operation with the recorder, start it through
 * {@link Ag2Operations}, make it current, run the method, record the outcome, end the operation
 * once. Exceptions from the method are recorded and rethrown unchanged. A result that completes
 * later ends the operation through its {@link AsyncEndStrategy}, chosen from the declared return
 * type (or, for methods declared to return {@code Object}, the returned value's class). A failure
 * inside the instrumentation is reported and never reaches the caller: before the call it leaves
 * the call untraced, after it the span still ends.
 */
final class OperationTracer {

	private final Ag2Operations operations;

	private final AsyncEndStrategies asyncStrategies;

	OperationTracer(Ag2Operations operations, AsyncEndStrategies asyncStrategies) {
		this.operations = operations;
		this.asyncStrategies = asyncStrategies;
	}

	<A extends Annotation> @Nullable Object trace(MethodInvocation invocation, Object target, MethodPlan<A> plan)
			throws Throwable {
		TracedOperation<A> operation = start(invocation, target, plan);
		if (operation == null) {
			return invocation.proceed();
		}
		Object result;
		try (Scope ignored = operation.context().makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			// nothing else can end the operation yet: no claim needed
			end(operation, plan.recorder(), null, failure);
			throw failure;
		}
		AsyncEndStrategy async = (result != null) ? asyncStrategy(plan, result) : null;
		if (async != null) {
			return endLater(operation, plan.recorder(), async, result);
		}
		end(operation, plan.recorder(), result, null);
		return result;
	}

	private <A extends Annotation> @Nullable TracedOperation<A> start(MethodInvocation invocation, Object target,
			MethodPlan<A> plan) {
		try {
			// the interceptor chain's own argument array: read, never written
			TracedOperation<A> operation = new TracedOperation<>(plan, target, invocation.getArguments(),
					Context.current());
			plan.recorder().beforeStart(operation);
			return this.operations.start(operation) ? operation : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting a " + plan.recorder().type().value() + " span", ex);
			return null;
		}
	}

	private @Nullable AsyncEndStrategy asyncStrategy(MethodPlan<?> plan, Object result) {
		if (plan.async() != null || !plan.declaredObject()) {
			return plan.async();
		}
		try {
			return this.asyncStrategies.forType(result.getClass());
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("choosing how to end an asynchronous result", ex);
			return null;
		}
	}

	private <A extends Annotation> Object endLater(TracedOperation<A> operation, SpanRecorder<A> recorder,
			AsyncEndStrategy async, Object result) {
		try {
			return async.endWhenComplete(result, operation.method().getReturnType(), new Outcome<>(operation, recorder));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("watching an asynchronous result", ex);
			// the strategy may have subscribed already: its callbacks and this end race for the claim
			endFromAnyThread(operation, recorder, null, null);
			return result;
		}
	}

	// For ends that may race (an asynchronous result's completion, error and cancellation).
	private <A extends Annotation> void endFromAnyThread(TracedOperation<A> operation, SpanRecorder<A> recorder,
			@Nullable Object result, @Nullable Throwable failure) {
		if (operation.claimEnd()) {
			end(operation, recorder, result, failure);
		}
	}

	// Called by the one thread that ends the operation: the caller's, or the claimer of a racing end.
	private <A extends Annotation> void end(TracedOperation<A> operation, SpanRecorder<A> recorder,
			@Nullable Object result, @Nullable Throwable failure) {
		if (failure == null) {
			try {
				recorder.onSuccess(operation, result);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("recording the result of a " + recorder.type().value() + " span", ex);
			}
		}
		try {
			recorder.onEnd(operation);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("finishing a " + recorder.type().value() + " span", ex);
		}
		this.operations.endClaimed(operation, failure);
	}

	/** How the operation hears of a result that completes later. */
	private final class Outcome<A extends Annotation> implements AsyncOutcome {

		private final TracedOperation<A> operation;

		private final SpanRecorder<A> recorder;

		Outcome(TracedOperation<A> operation, SpanRecorder<A> recorder) {
			this.operation = operation;
			this.recorder = recorder;
		}

		@Override
		public Context context() {
			return this.operation.context();
		}

		@Override
		public void onChunk(Object chunk) {
			try {
				this.operation.chunkArrived(System.nanoTime());
				this.recorder.onChunk(this.operation, chunk);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("reading a chunk of a " + this.recorder.type().value() + " span", ex);
			}
		}

		@Override
		public void onComplete(@Nullable Object value) {
			endFromAnyThread(this.operation, this.recorder, value, null);
		}

		@Override
		public void onError(Throwable failure) {
			endFromAnyThread(this.operation, this.recorder, null, AsyncEndStrategies.unwrap(failure));
		}

		@Override
		public void onCancel() {
			endFromAnyThread(this.operation, this.recorder, null, null);
		}

	}

}
