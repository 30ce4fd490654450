package ai.ag2.tracing.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import ai.ag2.tracing.internal.web.TraceContextRestClientPostProcessor;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the {@link TraceContextInterceptor} to {@link RestTemplate} beans, whether built by hand
 * or from Spring Boot's {@code RestTemplateBuilder} (whose customizer adds it already): a
 * template that has the interceptor is left as it is, so it is never added twice.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceContextRestTemplatePostProcessor implements BeanPostProcessor {

	private final Supplier<TraceContextInterceptor> interceptor;

	public TraceContextRestTemplatePostProcessor(Supplier<TraceContextInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplate restTemplate) {
			try {
				addTo(restTemplate, this.interceptor.get());
			}
			catch (Throwable ex) {
				InstrumentationFailures
					.report("adding the trace context interceptor to RestTemplate '" + beanName + "'", ex);
			}
		}
		return bean;
	}

	/** Add {@code interceptor} to {@code restTemplate} unless it has one already. */
	public static void addTo(RestTemplate restTemplate, TraceContextInterceptor interceptor) {
		if (!TraceContextRestClientPostProcessor.hasInterceptor(restTemplate.getInterceptors())) {
			// through the setter, which drops the request factory built for the earlier list
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
			interceptors.add(interceptor);
			restTemplate.setInterceptors(interceptors);
		}
	}

}
