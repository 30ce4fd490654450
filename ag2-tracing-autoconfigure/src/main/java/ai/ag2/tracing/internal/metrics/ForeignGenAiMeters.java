package ai.ag2.tracing.internal.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Denies every meter that another library registers under the name of one of ag2's GenAI
 * metrics, such as Spring AI's {@code gen_ai.client.token.usage} counter: ag2's histogram already
 * counts those calls, and a second meter type under the same name is refused by a Prometheus
 * registry (or exported twice over OTLP). ag2's own meters are told apart by their description.
 * <p>
 * Internal API: may change without notice.
 */
public final class ForeignGenAiMeters implements MeterFilter {

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		String ours = GenAiMetrics.DESCRIPTIONS.get(id.getName());
		if (ours == null || ours.equals(id.getDescription())) {
			return MeterFilterReply.NEUTRAL;
		}
		return MeterFilterReply.DENY;
	}

}
