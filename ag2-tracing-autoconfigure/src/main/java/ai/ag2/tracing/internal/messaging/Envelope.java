package ai.ag2.tracing.internal.messaging;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * One message an agent sent: its id, who sent it, the envelope its sender was handling then
 * (causation), the conversation, and the span of its send. While a handler of the envelope runs,
 * the envelope is in the OpenTelemetry {@link Context} ({@link #handledIn}), so that envelopes
 * sent from there name it as their cause and the agent turn handling it links to it.
 * <p>
 * Internal API: may change without notice.
 *
 * @param id the envelope id ({@code ag2-envelope-id})
 * @param sender the sending agent ({@code ag2-sender}), if known
 * @param causationId the envelope being handled when this one was sent ({@code ag2-causation-id})
 * @param conversationId the sender's conversation ({@code ag2-conversation-id})
 * @param spanContext the span of the send (the PRODUCER span), invalid if unknown
 */
public record Envelope(String id, @Nullable String sender, @Nullable String causationId,
		@Nullable String conversationId, SpanContext spanContext) {

	private static final ContextKey<Handling> HANDLED = ContextKey.named("ai.ag2.tracing.envelope.handled");

	/** The envelope whose handler runs in {@code context}, if any. */
	public static @Nullable Envelope handledIn(Context context) {
		Handling handling = context.get(HANDLED);
		return (handling != null) ? handling.envelope : null;
	}

	/**
	 * The agent whose turn handled the envelope of {@code context}: the sender of what the
	 * handler sends after that turn (a service activator's reply to its output channel, say).
	 */
	static @Nullable String respondentIn(Context context) {
		Handling handling = context.get(HANDLED);
		return (handling != null) ? handling.respondent : null;
	}

	/** Note that {@code agent}'s turn handles the envelope of {@code context}. */
	static void respondedIn(Context context, @Nullable String agent) {
		Handling handling = context.get(HANDLED);
		if (handling != null && agent != null) {
			handling.respondent = agent;
		}
	}

	/**
	 * {@code context} with this envelope as the one being handled; when {@code current} handles it
	 * already (a library's consumer scope inside a direct dispatch), the handling is shared, so
	 * the agent that responds is known to both.
	 */
	Context storeAsHandled(Context context, Context current) {
		Handling existing = current.get(HANDLED);
		Handling handling = (existing != null && existing.envelope.id().equals(this.id)) ? existing
				: new Handling(this);
		return context.with(HANDLED, handling);
	}

	private static final class Handling {

		private final Envelope envelope;

		private volatile @Nullable String respondent;

		Handling(Envelope envelope) {
			this.envelope = envelope;
		}

	}

}
