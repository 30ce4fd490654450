package ai.ag2.tracing.internal.http;

import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link TraceContextExchangeFilter} to {@link WebClient} beans built by hand (not from
 * Spring Boot's {@code WebClient.Builder}, whose customizer adds it already). Idempotent: a client
 * that already has the filter is returned unchanged.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextWebClientPostProcessor implements BeanPostProcessor {

	private final Supplier<TraceContextExchangeFilter> filter;

	public TraceContextWebClientPostProcessor(Supplier<TraceContextExchangeFilter> filter) {
		this.filter = filter;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof WebClient webClient) {
			try {
				return withFilter(webClient);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("adding the trace context filter to WebClient '" + beanName + "'", ex);
			}
		}
		return bean;
	}

	private WebClient withFilter(WebClient webClient) {
		boolean[] present = { false };
		WebClient.Builder builder = webClient.mutate();
		builder.filters((filters) -> present[0] = TraceContextExchangeFilter.isPresentIn(filters));
		if (present[0]) {
			return webClient;
		}
		return builder.filter(this.filter.get()).build();
	}

}
