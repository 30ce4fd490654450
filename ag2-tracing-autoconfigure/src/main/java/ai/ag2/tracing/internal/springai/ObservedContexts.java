package ai.ag2.tracing.internal.springai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry context (with its ag2 frame) that was current when a Spring AI observation
 * started, kept in the observation's context. An observation that starts on a thread where none
 * of this is current (a tool run on Reactor's bounded-elastic scheduler during a stream) finds
 * its ag2 frame through its parent observations.
 */
final class ObservedContexts {

	private ObservedContexts() {
	}

	static void store(Observation.Context observation, Context context) {
		observation.put(Stored.class, new Stored(context));
	}

	/** The context stored for {@code observation} or its nearest ancestor that has one. */
	static @Nullable Context nearest(Observation.ContextView observation) {
		Observation.ContextView current = observation;
		for (int depth = 0; current != null && depth < 64; depth++) {
			Stored stored = current.get(Stored.class);
			if (stored != null) {
				return stored.context();
			}
			ObservationView parent = current.getParentObservation();
			current = (parent != null) ? parent.getContextView() : null;
		}
		return null;
	}

	private record Stored(Context context) {
	}

}
