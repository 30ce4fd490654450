package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.Ag2HttpClients;
import ai.ag2.tracing.Ag2OkHttpInterceptor;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.http.TraceContextExchangeFilter;
import ai.ag2.tracing.internal.http.TraceContextRestTemplatePostProcessor;
import ai.ag2.tracing.internal.http.TraceContextWebClientPostProcessor;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the trace on the wire of the HTTP clients
 * besides RestClient (whose interceptor {@link Ag2TracingWebAutoConfiguration} adds): RestTemplate
 * and WebClient beans and the clients built from Spring Boot's {@code RestTemplateBuilder} and
 * {@code WebClient.Builder} get it with no code, the JDK {@code HttpClient} through the
 * {@link Ag2HttpClients} bean and OkHttp through the {@link Ag2OkHttpInterceptor} bean. Every adapter goes through the one {@link HttpClientTracing}.
 *
 * <p>
 * Like the RestClient interceptor, it names none of Boot's client auto-configurations in its
 * ordering (that would sort them before Boot's observation auto-configuration): the builders
 * collect their customizers lazily.
 *
 * @see Ag2TracingProperties.Propagation.Client
 */
@AutoConfiguration(after = { Ag2TracingAutoConfiguration.class, Ag2TracingWebAutoConfiguration.class })
public final class Ag2HttpClientsAutoConfiguration {

	Ag2HttpClientsAutoConfiguration() {
	}

	/**
	 * The wrapper and interceptor of the clients without a Spring hook; present whenever
	 * ag2-tracing is, so that code using it runs with tracing switched off too (it then passes
	 * everything through).
	 */
	@Bean
	@ConditionalOnMissingBean
	Ag2HttpClients ag2HttpClients(ObjectProvider<HttpClientTracing> tracing) {
		return new Ag2HttpClients(tracing.getIfAvailable());
	}

	/** OkHttp's interceptor, with OkHttp on the classpath; present for the same reason. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "okhttp3.Interceptor")
	static class OkHttpConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Ag2OkHttpInterceptor ag2OkHttpInterceptor(ObjectProvider<HttpClientTracing> tracing) {
			return new Ag2OkHttpInterceptor(tracing.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestTemplate.class)
	@ConditionalOnBean(TraceContextInterceptor.class)
	static class RestTemplateConfiguration {

		@Bean
		static TraceContextRestTemplatePostProcessor ag2TraceContextRestTemplatePostProcessor(
				ObjectProvider<TraceContextInterceptor> interceptor) {
			return new TraceContextRestTemplatePostProcessor(interceptor::getObject);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(RestTemplateCustomizer.class)
		static class RestTemplateBuilderConfiguration {

			@Bean
			RestTemplateCustomizer ag2TraceContextRestTemplateCustomizer(TraceContextInterceptor interceptor) {
				return (restTemplate) -> TraceContextRestTemplatePostProcessor.addTo(restTemplate, interceptor);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	@ConditionalOnBean(HttpClientTracing.class)
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceContextExchangeFilter ag2TraceContextExchangeFilter(HttpClientTracing tracing) {
			return new TraceContextExchangeFilter(tracing);
		}

		@Bean
		static TraceContextWebClientPostProcessor ag2TraceContextWebClientPostProcessor(
				ObjectProvider<TraceContextExchangeFilter> filter) {
			return new TraceContextWebClientPostProcessor(filter::getObject);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(WebClientCustomizer.class)
		static class WebClientBuilderConfiguration {

			@Bean
			WebClientCustomizer ag2TraceContextWebClientCustomizer(TraceContextExchangeFilter filter) {
				return (builder) -> builder.filters((filters) -> {
					if (!TraceContextExchangeFilter.isPresentIn(filters)) {
						filters.add(filter);
					}
				});
			}

		}

	}

}
