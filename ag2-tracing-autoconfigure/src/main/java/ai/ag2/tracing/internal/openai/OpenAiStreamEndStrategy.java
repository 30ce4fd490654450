package ai.ag2.tracing.internal.openai;

import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.async.AsyncOutcome;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;

/**
 * The SDK's stream handles returned by an ag2-traced method ({@code @LlmClient}, {@code @Agent}):
 * a {@link StreamResponse} or an {@link AsyncStreamResponse}. The caller gets a handle that
 * behaves the same; each chunk its consumer reads is reported, and the method's span ends when
 * the stream is exhausted, fails or is closed.
 */
public final class OpenAiStreamEndStrategy implements AsyncEndStrategy {

	@Override
	public boolean supports(Class<?> returnType) {
		return StreamResponse.class.isAssignableFrom(returnType)
				|| AsyncStreamResponse.class.isAssignableFrom(returnType);
	}

	@Override
	public boolean isStream(Class<?> returnType) {
		return true;
	}

	@Override
	public Object endWhenComplete(Object result, AsyncOutcome outcome) {
		if (result instanceof StreamResponse<?> stream) {
			return new TracedStreamResponse<>(stream, new OutcomeWatcher<>(outcome));
		}
		if (result instanceof AsyncStreamResponse<?> stream) {
			return new TracedAsyncStreamResponse<>(stream, new OutcomeWatcher<>(outcome));
		}
		outcome.onComplete(result);
		return result;
	}

	/** Reports a stream's signals to the outcome of the traced method. */
	private record OutcomeWatcher<T>(AsyncOutcome outcome) implements StreamWatcher<T> {

		@Override
		public void onChunk(T chunk) {
			this.outcome.onChunk(chunk);
		}

		@Override
		public void onComplete() {
			this.outcome.onComplete(null);
		}

		@Override
		public void onError(Throwable failure) {
			this.outcome.onError(failure);
		}

		@Override
		public void onCancel() {
			this.outcome.onCancel();
		}

	}

}
