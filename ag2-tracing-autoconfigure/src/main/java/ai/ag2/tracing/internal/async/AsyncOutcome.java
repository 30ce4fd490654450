package ai.ag2.tracing.internal.async;

import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AsyncEndStrategy} reports about a result that completes later. Each method may be
 * called from any thread; only the first of {@link #onComplete}, {@link #onError} and
 * {@link #onCancel} ends the operation, and none of them throws.
 * <p>
 * Internal API: may change without notice.
 */
public interface AsyncOutcome {

	/** Key under which the operation's OpenTelemetry context is put into a subscriber's Reactor context. */
	String REACTOR_CONTEXT_KEY = "ai.ag2.tracing.otel-context";

	/** The operation's context: current while the result is subscribed to, requested or cancelled. */
	Context context();

	/** One chunk of a streamed result. */
	void onChunk(Object chunk);

	/** The result completed; {@code value} is its value ({@code null} for streams and empty results). */
	void onComplete(@Nullable Object value);

	/** The result failed with {@code failure} (unwrapped from {@code CompletionException}s). */
	void onError(Throwable failure);

	/** The consumer stopped before the result completed. */
	void onCancel();

}
