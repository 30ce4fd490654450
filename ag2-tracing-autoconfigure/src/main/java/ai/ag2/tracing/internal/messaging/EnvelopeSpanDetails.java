package ai.ag2.tracing.internal.messaging;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.console.SpanDetails;
import io.opentelemetry.api.common.Attributes;
import org.jspecify.annotations.Nullable;

/**
 * What the console tree shows of an envelope: who sent it, its id and the envelope it answers
 * (ids cut to their first 8 characters), e.g. {@code send reviews  (1 ms, from planner, envelope
 * 1b2c3d4e, caused by 9f8e7d6c)}.
 * <p>
 * Internal API: may change without notice.
 */
public final class EnvelopeSpanDetails implements SpanDetails {

	@Override
	public String spanType() {
		return Ag2SpanType.ENVELOPE.value();
	}

	@Override
	public void describe(Attributes attributes, List<String> details) {
		String sender = attributes.get(Ag2Attributes.AG2_NETWORK_SENDER);
		if (sender != null && !sender.isEmpty()) {
			details.add("from " + sender);
		}
		String id = attributes.get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
		if (id != null && !id.isEmpty()) {
			details.add("envelope " + shortId(id));
		}
		String causation = attributes.get(Ag2Attributes.AG2_NETWORK_CAUSATION_ID);
		if (causation != null && !causation.isEmpty()) {
			details.add("caused by " + shortId(causation));
		}
	}

	private static String shortId(@Nullable String id) {
		return (id == null || id.length() <= 8) ? String.valueOf(id) : id.substring(0, 8);
	}

}
