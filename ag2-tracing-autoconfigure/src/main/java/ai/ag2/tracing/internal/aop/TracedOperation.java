package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.function.Function;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallContext;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The operation of one call of an annotated method: an {@link Operation} that also knows the
 * annotation, the call and the method's compiled annotation values, for its {@code SpanRecorder}.
 * One object per call: what is the same for every call of the method is read from its plan.
 *
 * @param <A> the annotation that made the call traced
 */
public final class TracedOperation<A extends Annotation> extends Operation implements LlmCallContext {

	private final MethodPlan<A> plan;

	private final Object target;

	private final @Nullable Object[] args;

	// What this call keeps beyond its span, in one slot, since a call keeps one of them at most: the
	// aggregate of a streamed LLM result, the exit code of a code execution set through Ag2Span, or
	// what the recorder worked out before the call. Volatile: chunks and Ag2Span may come from other threads.
	private volatile @Nullable Object callState;

	TracedOperation(MethodPlan<A> plan, Object target, @Nullable Object[] args, Context parentContext) {
		super(plan.recorder().type(), parentContext, Ag2Operations.AG2);
		this.plan = plan;
		this.target = target;
		this.args = args;
	}

	/** The annotation that made the call traced. */
	public A annotation() {
		return this.plan.annotation();
	}

	/**
	 * The call: target, method, arguments, made when asked for (templates, recorders that read
	 * arguments by name); {@link #target()} and {@link #args()} read them without it.
	 */
	public MethodCall methodCall() {
		return new MethodCall(this.target, this.plan.targetClass(), this.plan.method(), this.args);
	}

	/** The bean the method runs on. */
	public Object target() {
		return this.target;
	}

	/** The call's arguments: the interceptor chain's own array, read, never written. */
	public @Nullable Object[] args() {
		return this.args;
	}

	/** The annotation's attribute {@code name}, compiled (a literal or a {@code #{…}} template). */
	public Template template(String name) {
		return this.plan.templates().get(name);
	}

	/**
	 * What {@code owner} (a recorder) works out once per method from its declaration, made by
	 * {@code create} on the method's first call and kept with the method's plan. {@code create}
	 * must depend on the method and its annotation only, never on the call.
	 */
	public <T> T methodState(Object owner, Function<? super TracedOperation<A>, ? extends T> create) {
		T state = this.plan.recorderState(owner);
		if (state == null) {
			state = create.apply(this);
			this.plan.setRecorderState(owner, state);
		}
		return state;
	}

	/** Whether the method's result is a stream of chunks (a {@code Flux}, a library's stream handle). */
	@Override
	public boolean streaming() {
		return this.plan.streaming();
	}

	@Override
	protected boolean mayReceiveChunks() {
		return this.plan.mayReceiveChunks();
	}

	/**
	 * The aggregate of a streamed LLM result's chunks, created on first use. An LLM call's
	 * recorder keeps no {@link #recorderState()} of its own: the aggregate takes its place.
	 */
	public LlmStreamAggregator stream(boolean capturesContent, int maxContentLength) {
		if (this.callState instanceof LlmStreamAggregator current) {
			return current;
		}
		LlmStreamAggregator created = new LlmStreamAggregator(capturesContent, maxContentLength);
		this.callState = created;
		return created;
	}

	/** The aggregate of a streamed result, or {@code null} when no chunk arrived. */
	public @Nullable LlmStreamAggregator streamIfAny() {
		return (this.callState instanceof LlmStreamAggregator stream) ? stream : null;
	}

	/**
	 * What the recorder worked out before the call and needs again at the end. The recorders of
	 * LLM calls and code executions keep none: the stream aggregate and the exit code take its place.
	 */
	public @Nullable Object recorderState() {
		return this.callState;
	}

	public void setRecorderState(@Nullable Object recorderState) {
		this.callState = recorderState;
	}

	@Override
	public @Nullable Long exitCode() {
		return (type() == Ag2SpanType.CODE_EXECUTION && this.callState instanceof Long exitCode) ? exitCode : null;
	}

	@Override
	public void setExitCode(long exitCode) {
		if (type() == Ag2SpanType.CODE_EXECUTION) {
			this.callState = exitCode;
		}
	}

	@Override
	public Method method() {
		return this.plan.method();
	}

	@Override
	public Class<?> targetClass() {
		return this.plan.targetClass();
	}

	@Override
	public @Nullable LlmClient llmClient() {
		return (annotation() instanceof LlmClient client) ? client : null;
	}

	@Override
	public @Nullable String providerName() {
		return (llmCall() != null) ? llmCall().getProviderName() : null;
	}

}
