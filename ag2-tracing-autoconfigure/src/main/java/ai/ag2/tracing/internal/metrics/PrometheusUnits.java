package ai.ag2.tracing.internal.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * The units of ag2's GenAI metrics as Prometheus names them, for Prometheus registries only: the
 * conventions' {@code s} becomes {@code seconds} (so {@code gen_ai_client_operation_duration_seconds},
 * the name OpenTelemetry's own Prometheus exporter gives) and the annotation {@code {token}} is
 * dropped ({@code gen_ai_client_token_usage}, not {@code gen_ai_client_token_usage__token_}). The
 * values are seconds and tokens already; only the unit's name changes.
 * <p>
 * Internal API: may change without notice.
 */
public final class PrometheusUnits implements MeterFilter {

	@Override
	public Meter.Id map(Meter.Id id) {
		if (!GenAiMetrics.DESCRIPTIONS.containsKey(id.getName())) {
			return id;
		}
		String unit = id.getBaseUnit();
		if (GenAiMetrics.SECONDS.equals(unit)) {
			return id.withBaseUnit("seconds");
		}
		if (GenAiMetrics.TOKENS.equals(unit)) {
			return id.withBaseUnit(null);
		}
		return id;
	}

}
