package ai.ag2.tracing.internal.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Finds the PRODUCER span a messaging library's own observation opened for the send in progress
 * (Spring Integration's channel observation), so that the envelope enriches it instead of opening
 * a second span.
 * <p>
 * Internal API: may change without notice.
 */
public interface LibrarySendSpans {

	/** Never finds one: no observation library, or no tracing behind it. */
	LibrarySendSpans NONE = (context) -> null;

	/** The library's send whose span is the current span of {@code context}, if any. */
	@Nullable LibrarySend current(Context context);

	/** A send a library observes. */
	interface LibrarySend {

		/** Its span, current in the context it was found in. */
		Span span();

		/** Tell the observation that its span stands for {@code send}. */
		void adoptedAs(EnvelopeSend send);

	}

}
