package ai.ag2.tracing.internal.openai;

import java.util.Comparator;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.openai.core.http.StreamResponse;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamResponse} that tells a {@link StreamWatcher} of every chunk its consumer reads,
 * and of the end: the stream exhausted (complete), the SDK failing to read the next chunk (error),
 * or the response closed before that (cancel). An exception thrown by the consumer's own action is
 * the consumer's: it reaches the consumer unchanged and the end is reported when the response is
 * closed. Chunks are read in order, one at a time (the stream is sequential).
 *
 * @param <T> the chunk type
 */
final class TracedStreamResponse<T> implements StreamResponse<T> {

	private final StreamResponse<T> delegate;

	private final StreamWatcher<T> watcher;

	TracedStreamResponse(StreamResponse<T> delegate, StreamWatcher<T> watcher) {
		this.delegate = delegate;
		this.watcher = watcher;
	}

	@Override
	public Stream<T> stream() {
		Stream<T> source = this.delegate.stream();
		return StreamSupport.stream(new WatchedSpliterator(source.spliterator()), false).onClose(source::close);
	}

	@Override
	public void close() {
		this.watcher.onCancel();
		this.delegate.close();
	}

	private final class WatchedSpliterator implements Spliterator<T> {

		private final Spliterator<T> source;

		WatchedSpliterator(Spliterator<T> source) {
			this.source = source;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			boolean[] inAction = { false };
			boolean advanced;
			try {
				advanced = this.source.tryAdvance((chunk) -> {
					TracedStreamResponse.this.watcher.onChunk(chunk);
					inAction[0] = true;
					action.accept(chunk);
					inAction[0] = false;
				});
			}
			catch (RuntimeException | Error ex) {
				if (!inAction[0]) {
					TracedStreamResponse.this.watcher.onError(ex);
				}
				throw ex;
			}
			if (!advanced) {
				TracedStreamResponse.this.watcher.onComplete();
			}
			return advanced;
		}

		@Override
		public @Nullable Spliterator<T> trySplit() {
			// one chunk at a time, in order: the last one must be seen to end the span
			return null;
		}

		@Override
		public long estimateSize() {
			return this.source.estimateSize();
		}

		@Override
		public int characteristics() {
			return this.source.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
		}

		@Override
		public Comparator<? super T> getComparator() {
			return this.source.getComparator();
		}

	}

}
