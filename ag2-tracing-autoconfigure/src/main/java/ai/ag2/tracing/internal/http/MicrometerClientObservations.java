package ai.ag2.tracing.internal.http;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;

/**
 * Whether the current Micrometer observation is a client exchange (Spring's RestClient, RestTemplate
 * and WebClient observations, Micrometer's OkHttp and JDK {@code HttpClient} ones all use a
 * {@link RequestReplySenderContext}): its tracing handler has then opened the exchange's client
 * span. A step observed with {@code @Observed} is not one. Loaded only with Micrometer Observation
 * on the classpath.
 * <p>
 * Internal API: may change without notice.
 */
public final class MicrometerClientObservations implements Supplier<Boolean> {

	private final ObservationRegistry registry;

	public MicrometerClientObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Boolean get() {
		Observation current = this.registry.getCurrentObservation();
		return current != null && current.getContext() instanceof RequestReplySenderContext<?, ?>;
	}

}
