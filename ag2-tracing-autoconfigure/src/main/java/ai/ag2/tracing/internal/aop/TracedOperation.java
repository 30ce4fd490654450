package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

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
 *
 * @param <A> the annotation that made the call traced
 */
public final class TracedOperation<A extends Annotation> extends Operation implements LlmCallContext {

	private final A annotation;

	private final MethodCall methodCall;

	private final AnnotationTemplates templates;

	private final boolean streaming;

	private @Nullable LlmStreamAggregator stream;

	private @Nullable Object recorderState;

	private static final AtomicIntegerFieldUpdater<TracedOperation> FINISHING = AtomicIntegerFieldUpdater
		.newUpdater(TracedOperation.class, "finishing");

	private volatile int finishing;

	TracedOperation(Ag2SpanType type, A annotation, MethodCall methodCall, AnnotationTemplates templates,
			boolean streaming, Context parentContext) {
		super(type, parentContext, Ag2Operations.AG2);
		this.annotation = annotation;
		this.methodCall = methodCall;
		this.templates = templates;
		this.streaming = streaming;
	}

	/** The annotation that made the call traced. */
	public A annotation() {
		return this.annotation;
	}

	/** The call: target, method, arguments. */
	public MethodCall methodCall() {
		return this.methodCall;
	}

	/** The annotation's attribute {@code name}, compiled (a literal or a {@code #{…}} template). */
	public Template template(String name) {
		return this.templates.get(name);
	}

	/** Whether the method's result is a stream of chunks (a {@code Flux}, a library's stream handle). */
	@Override
	public boolean streaming() {
		return this.streaming;
	}

	/** The aggregate of a streamed LLM result's chunks, created on first use. */
	public LlmStreamAggregator stream(boolean capturesContent, int maxContentLength) {
		LlmStreamAggregator current = this.stream;
		if (current == null) {
			current = new LlmStreamAggregator(capturesContent, maxContentLength);
			this.stream = current;
		}
		return current;
	}

	/** The aggregate of a streamed result, or {@code null} when no chunk arrived. */
	public @Nullable LlmStreamAggregator streamIfAny() {
		return this.stream;
	}

	/** What the recorder worked out before the call and needs again at the end. */
	public @Nullable Object recorderState() {
		return this.recorderState;
	}

	public void setRecorderState(@Nullable Object recorderState) {
		this.recorderState = recorderState;
	}

	/** Claim the end of the call: true for the first caller only (completion and cancellation may race). */
	boolean startFinishing() {
		return FINISHING.compareAndSet(this, 0, 1);
	}

	@Override
	public @Nullable Method method() {
		return this.methodCall.method();
	}

	@Override
	public @Nullable Class<?> targetClass() {
		return this.methodCall.targetClass();
	}

	@Override
	public @Nullable LlmClient llmClient() {
		return (this.annotation instanceof LlmClient client) ? client : null;
	}

	@Override
	public @Nullable String providerName() {
		return (llmCall() != null) ? llmCall().getProviderName() : null;
	}

}
