package ai.ag2.tracing.internal.openai;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import org.jspecify.annotations.Nullable;

/**
 * Ends an LLM operation with its stream: each chunk is read into an {@link LlmStreamAggregator}
 * (the first marks {@code gen_ai.response.time_to_first_chunk}), and at the end the aggregate
 * fills the call's details before the operation ends, once; a cancelled stream keeps what its
 * chunks brought. {@code onEnd} runs after the operation has ended.
 *
 * @param <T> the chunk type
 */
final class LlmStreamWatcher<T> implements StreamWatcher<T> {

	private final Ag2Operations operations;

	private final Operation operation;

	private final BiConsumer<T, LlmStreamAggregator> reader;

	private final LlmStreamAggregator aggregator;

	private final Runnable onEnd;

	private final AtomicBoolean ended = new AtomicBoolean();

	LlmStreamWatcher(Ag2Operations operations, Operation operation, BiConsumer<T, LlmStreamAggregator> reader,
			boolean captureContent, Runnable onEnd) {
		this.operations = operations;
		this.operation = operation;
		this.reader = reader;
		this.aggregator = new LlmStreamAggregator(captureContent, operations.content().maxLength());
		this.onEnd = onEnd;
	}

	@Override
	public void onChunk(T chunk) {
		if (this.ended.get()) {
			return;
		}
		try {
			this.operation.chunkArrived(System.nanoTime());
			synchronized (this.aggregator) {
				this.aggregator.chunkRead();
				this.reader.accept(chunk, this.aggregator);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading a chunk of an OpenAI SDK stream", ex);
		}
	}

	@Override
	public void onComplete() {
		end(null);
	}

	@Override
	public void onError(Throwable failure) {
		end(failure);
	}

	@Override
	public void onCancel() {
		end(null);
	}

	private void end(@Nullable Throwable failure) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		try {
			LlmCallDetails details = this.operation.llmCall();
			if (details != null) {
				LlmCallDetails streamed;
				synchronized (this.aggregator) {
					streamed = this.aggregator.toDetails();
				}
				synchronized (details) {
					details.fillMissingFrom(streamed);
				}
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the end of an OpenAI SDK stream", ex);
		}
		finally {
			this.operations.end(this.operation, failure);
			this.onEnd.run();
		}
	}

}
