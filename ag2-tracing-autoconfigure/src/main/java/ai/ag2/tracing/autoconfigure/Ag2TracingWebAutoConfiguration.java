package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.web.A2aExecutionFilter;
import ai.ag2.tracing.internal.web.DuplicateTraceparentFilter;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import ai.ag2.tracing.internal.web.TraceContextRestClientPostProcessor;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for trace context propagation over HTTP:
 * the servlet filter that continues the caller's trace and opens {@code a2a-execution} for each
 * inbound request, and the RestClient interceptor that sends the trace context with each
 * outbound request and records the server address on remote agent spans.
 *
 * <p>
 * It is ordered after Spring Boot's servlet observation filter only: naming Boot's RestClient
 * auto-configurations here would sort them before {@code ObservationAutoConfiguration} and switch
 * Micrometer's RestClient observation off (Boot 4.1 orders them by name alone). The interceptor
 * needs no ordering: {@code RestClient.Builder} collects its customizers lazily.
 *
 * @see Ag2TracingProperties.Propagation
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class,
		afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration" })
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBean(Ag2Instrumentation.class)
public final class Ag2TracingWebAutoConfiguration {

	/**
	 * Order of the {@link A2aExecutionFilter}: right after Spring Boot's
	 * {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}), so that it runs inside
	 * the server span that filter opens, when there is one.
	 */
	public static final int A2A_EXECUTION_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	/**
	 * Order of the {@link DuplicateTraceparentFilter}: before every filter that extracts the trace
	 * context.
	 */
	public static final int DUPLICATE_TRACEPARENT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

	Ag2TracingWebAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class, DispatcherType.class })
	@ConditionalOnBooleanProperty(name = "ag2.tracing.propagation.server.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(A2aExecutionFilter.class)
		FilterRegistrationBean<A2aExecutionFilter> ag2A2aExecutionFilter(Ag2Instrumentation instrumentation,
				Ag2TracingProperties properties) {
			A2aExecutionFilter filter = new A2aExecutionFilter(instrumentation.openTelemetry(),
					instrumentation.tracer());
			FilterRegistrationBean<A2aExecutionFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(A2A_EXECUTION_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			registration.setUrlPatterns(properties.getPropagation().getServer().getUrlPatterns());
			return registration;
		}

		@Bean
		@ConditionalOnMissingFilterBean(DuplicateTraceparentFilter.class)
		FilterRegistrationBean<DuplicateTraceparentFilter> ag2DuplicateTraceparentFilter(
				Ag2TracingProperties properties) {
			FilterRegistrationBean<DuplicateTraceparentFilter> registration = new FilterRegistrationBean<>(
					new DuplicateTraceparentFilter());
			registration.setOrder(DUPLICATE_TRACEPARENT_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			registration.setUrlPatterns(properties.getPropagation().getServer().getUrlPatterns());
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClient.class)
	@ConditionalOnBooleanProperty(name = "ag2.tracing.propagation.client.enabled", matchIfMissing = true)
	@ConditionalOnBean(HttpClientTracing.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceContextInterceptor ag2TraceContextInterceptor(HttpClientTracing ag2HttpClientTracing) {
			return new TraceContextInterceptor(ag2HttpClientTracing);
		}

		@Bean
		static TraceContextRestClientPostProcessor ag2TraceContextRestClientPostProcessor(
				ObjectProvider<TraceContextInterceptor> interceptor) {
			return new TraceContextRestClientPostProcessor(interceptor::getObject);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(RestClientCustomizer.class)
		static class RestClientBuilderConfiguration {

			@Bean
			RestClientCustomizer ag2TraceContextRestClientCustomizer(TraceContextInterceptor interceptor) {
				return (builder) -> builder.requestInterceptors((interceptors) -> {
					if (!TraceContextRestClientPostProcessor.hasInterceptor(interceptors)) {
						interceptors.add(interceptor);
					}
				});
			}

		}

	}

}
