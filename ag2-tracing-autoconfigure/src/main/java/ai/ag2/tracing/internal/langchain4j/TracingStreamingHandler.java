package ai.ag2.tracing.internal.langchain4j;

import java.util.concurrent.atomic.AtomicBoolean;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.operation.Operation;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The handler a traced streamed call hands the model in place of the caller's: the first partial
 * response, thinking or tool call gives the span its time to first chunk; the complete response
 * (aggregated by the model, usage included) or the error ends it, and so does a cancel through
 * the stream's handle; then the caller's handler hears of it. Every callback of the caller's
 * handler runs in the caller's context (the span the call was made in, not the model's HTTP
 * thread's empty one) and what it throws reaches the model unchanged.
 * <p>
 * Internal API: may change without notice.
 */
final class TracingStreamingHandler implements StreamingChatResponseHandler {

	private final StreamingChatResponseHandler delegate;

	private final Operation operation;

	private final ChatModelTracer tracer;

	private final Context callerContext;

	private final AtomicBoolean ended = new AtomicBoolean();

	TracingStreamingHandler(StreamingChatResponseHandler delegate, Operation operation, ChatModelTracer tracer,
			Context callerContext) {
		this.delegate = delegate;
		this.operation = operation;
		this.tracer = tracer;
		this.callerContext = callerContext;
	}

	@Override
	public void onPartialResponse(String partialResponse) {
		chunk();
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onPartialResponse(partialResponse));
	}

	@Override
	public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
		chunk();
		PartialResponseContext traced = (context != null)
				? new PartialResponseContext(cancelling(context.streamingHandle())) : null;
		ChatModelInterceptor.inContext(this.callerContext,
				() -> this.delegate.onPartialResponse(partialResponse, traced));
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking) {
		chunk();
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onPartialThinking(partialThinking));
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
		chunk();
		PartialThinkingContext traced = (context != null)
				? new PartialThinkingContext(cancelling(context.streamingHandle())) : null;
		ChatModelInterceptor.inContext(this.callerContext,
				() -> this.delegate.onPartialThinking(partialThinking, traced));
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall) {
		chunk();
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onPartialToolCall(partialToolCall));
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
		chunk();
		PartialToolCallContext traced = (context != null)
				? new PartialToolCallContext(cancelling(context.streamingHandle())) : null;
		ChatModelInterceptor.inContext(this.callerContext,
				() -> this.delegate.onPartialToolCall(partialToolCall, traced));
	}

	@Override
	public void onCompleteToolCall(CompleteToolCall completeToolCall) {
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onCompleteToolCall(completeToolCall));
	}

	@Override
	public void onUnmappedRawEvent(Object rawEvent) {
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onUnmappedRawEvent(rawEvent));
	}

	@Override
	public void onCompleteResponse(ChatResponse completeResponse) {
		// the call ends here: what the caller does next (run tools, call the model again) is outside it
		end(completeResponse, null);
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onCompleteResponse(completeResponse));
	}

	@Override
	public void onError(Throwable error) {
		end(null, error);
		ChatModelInterceptor.inContext(this.callerContext, () -> this.delegate.onError(error));
	}

	private void chunk() {
		this.operation.chunkArrived(System.nanoTime());
	}

	private void end(@Nullable ChatResponse response, @Nullable Throwable failure) {
		if (this.ended.compareAndSet(false, true)) {
			this.tracer.end(this.operation, response, failure);
		}
	}

	private @Nullable StreamingHandle cancelling(@Nullable StreamingHandle handle) {
		return (handle != null) ? new CancellingHandle(handle) : null;
	}

	/** The stream's handle, ending the span when the caller cancels the stream. */
	private final class CancellingHandle implements StreamingHandle {

		private final StreamingHandle handle;

		CancellingHandle(StreamingHandle handle) {
			this.handle = handle;
		}

		@Override
		public void cancel() {
			try {
				this.handle.cancel();
			}
			finally {
				try {
					end(null, null);
				}
				catch (Throwable ex) {
					InstrumentationFailures.report("ending a cancelled LangChain4j stream", ex);
				}
			}
		}

		@Override
		public boolean isCancelled() {
			return this.handle.isCancelled();
		}

	}

}
