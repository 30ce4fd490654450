package ai.ag2.tracing.internal.a2a;

import java.util.function.Supplier;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @Agent} recorder while the A2A client is on the class path: whatever recorder would
 * otherwise trace {@code @Agent} methods (the built-in one, or the application's) does everything
 * it does, and a remote agent's result, its chunks or the value its {@code CompletionStage}
 * completes with, is read as an A2A reply when it is one ({@link A2aResults}): the task's id and
 * state and the context id go on the {@code invoke_agent} span.
 * <p>
 * Internal API: may change without notice.
 */
public final class A2aAgentSpanRecorder extends SpanRecorder<Agent> {

	private final Supplier<SpanRecorder<Agent>> delegate;

	private final ContentCapture content;

	/**
	 * @param delegate the recorder that traces {@code @Agent} methods without A2A; asked for on
	 * first use
	 * @param content the content capture settings
	 */
	public A2aAgentSpanRecorder(Supplier<SpanRecorder<Agent>> delegate, ContentCapture content) {
		this.delegate = delegate;
		this.content = content;
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
		this.delegate.get().beforeStart(operation);
	}

	@Override
	public void onChunk(TracedOperation<Agent> operation, Object chunk) {
		this.delegate.get().onChunk(operation, chunk);
		if (operation.remote()) {
			A2aResults.record(operation, chunk, this.content);
		}
	}

	@Override
	public void onSuccess(TracedOperation<Agent> operation, @Nullable Object result) {
		this.delegate.get().onSuccess(operation, result);
		if (operation.remote()) {
			A2aResults.record(operation, result, this.content);
		}
	}

	@Override
	public void onEnd(TracedOperation<Agent> operation) {
		this.delegate.get().onEnd(operation);
	}

}
