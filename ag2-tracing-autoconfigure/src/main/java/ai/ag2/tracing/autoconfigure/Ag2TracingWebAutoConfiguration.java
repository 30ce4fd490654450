package ai.ag2.tracing.autoconfigure;

import java.util.List;

import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.web.A2aExecutionFilter;
import ai.ag2.tracing.internal.web.InboundBaggagePolicy;
import ai.ag2.tracing.internal.web.PropagationHeadersFilter;
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
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for trace context propagation over HTTP:
 * the servlet filter that puts the inbound {@code traceparent}, {@code tracestate} and
 * {@code baggage} in shape (W3C Trace Context, the accepted baggage keys) before any tracer reads
 * them, the servlet filter that continues the caller's trace and opens {@code a2a-execution} for
 * each inbound request, and the RestClient interceptor that sends the trace context with each
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
	 * Order of the {@link PropagationHeadersFilter}: before every filter that extracts the trace
	 * context or baggage.
	 */
	public static final int PROPAGATION_HEADERS_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

	/** Spring Boot's fields that cross the wire as headers of their own, the default accepted keys. */
	private static final String BOOT_BAGGAGE_REMOTE_FIELDS = "management.tracing.baggage.remote-fields";

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

	}

	/**
	 * The inbound header policy holds on every path whatever {@code propagation.server.*} says: a
	 * servlet application's tracers extract the caller's context without ag2 too.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class, DispatcherType.class })
	static class InboundHeadersConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(PropagationHeadersFilter.class)
		FilterRegistrationBean<PropagationHeadersFilter> ag2PropagationHeadersFilter(Ag2TracingProperties properties,
				Environment environment) {
			List<String> remoteFields = Binder.get(environment)
				.bind(BOOT_BAGGAGE_REMOTE_FIELDS, Bindable.listOf(String.class))
				.orElse(List.of());
			List<String> accepted = properties.getPropagation().getServer().getBaggage().getAcceptedKeys();
			InboundBaggagePolicy policy = new InboundBaggagePolicy((accepted != null) ? accepted : remoteFields,
					remoteFields);
			FilterRegistrationBean<PropagationHeadersFilter> registration = new FilterRegistrationBean<>(
					new PropagationHeadersFilter(policy));
			registration.setOrder(PROPAGATION_HEADERS_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			registration.setUrlPatterns(List.of("/*"));
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
