package ai.ag2.tracing.internal.web;

import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Adds the {@link TraceContextInterceptor} to {@link RestClient} beans built by hand (not from
 * Spring Boot's {@code RestClient.Builder}, whose customizer adds it already). Idempotent: a
 * client that already has the interceptor is returned unchanged.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextRestClientPostProcessor implements BeanPostProcessor {

	private final Supplier<TraceContextInterceptor> interceptor;

	public TraceContextRestClientPostProcessor(Supplier<TraceContextInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestClient restClient) {
			try {
				return withInterceptor(restClient);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("Adding the trace context interceptor to RestClient '" + beanName + "'",
						ex);
			}
		}
		return bean;
	}

	private RestClient withInterceptor(RestClient restClient) {
		boolean[] present = { false };
		RestClient.Builder builder = restClient.mutate();
		builder.requestInterceptors((interceptors) -> present[0] = hasInterceptor(interceptors));
		if (present[0]) {
			return restClient;
		}
		return builder.requestInterceptor(this.interceptor.get()).build();
	}

	/** Whether {@code interceptors} already contain a {@link TraceContextInterceptor}. */
	public static boolean hasInterceptor(Iterable<ClientHttpRequestInterceptor> interceptors) {
		for (ClientHttpRequestInterceptor candidate : interceptors) {
			if (candidate instanceof TraceContextInterceptor) {
				return true;
			}
		}
		return false;
	}

}
