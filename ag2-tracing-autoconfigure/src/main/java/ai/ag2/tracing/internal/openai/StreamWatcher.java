package ai.ag2.tracing.internal.openai;

/**
 * Hears of the chunks of one SDK stream and of its end. The end is reported once, whichever comes
 * first: the stream exhausted, failed, or closed (or abandoned by its consumer) before that.
 * Implementations never throw.
 *
 * @param <T> the chunk type
 */
interface StreamWatcher<T> {

	void onChunk(T chunk);

	void onComplete();

	void onError(Throwable failure);

	void onCancel();

}
