package ai.ag2.tracing.web;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingWebAutoConfiguration;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.web.A2aExecutionFilter;
import ai.ag2.tracing.internal.web.InboundBaggagePolicy;
import ai.ag2.tracing.internal.web.PropagationHeadersFilter;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import ai.ag2.tracing.test.TracingContextRunners;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which propagation beans {@link Ag2TracingWebAutoConfiguration} registers, and where.
 */
class Ag2TracingWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(RestClientAutoConfiguration.class,
			Ag2TracingWebAutoConfiguration.class);

	private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
		.withConfiguration(TracingContextRunners.bootOpenTelemetryWithAg2())
		.withConfiguration(CONFIGURATIONS);

	private final ApplicationContextRunner plainRunner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(org.springframework.boot.autoconfigure.AutoConfiguration.class, null)
			.getCandidates()).contains(Ag2TracingAutoConfiguration.class.getName(),
					Ag2TracingWebAutoConfiguration.class.getName());
	}

	@Test
	void filterIsRegisteredRightAfterTheObservationFilterForRequestAndAsyncDispatches() {
		this.webRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("ag2A2aExecutionFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(A2aExecutionFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 2);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
		});
	}

	@Test
	void propagationHeadersFilterRunsBeforeEveryExtractingFilterOnEveryPathAndDispatch() {
		this.webRunner.withPropertyValues("ag2.tracing.propagation.server.url-patterns=/a2a/*").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("ag2PropagationHeadersFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(PropagationHeadersFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
		});
	}

	@Test
	void noInboundBaggageIsAcceptedByDefault() {
		this.webRunner.run((context) -> assertThat(baggagePolicy(context).acceptedKeys()).isEmpty());
	}

	@Test
	void springBootsRemoteFieldsAreTheDefaultAcceptedBaggageKeys() {
		this.webRunner.withPropertyValues("management.tracing.baggage.remote-fields=tenant,x-request-id")
			.run((context) -> assertThat(baggagePolicy(context).acceptedKeys()).containsExactlyInAnyOrder("tenant",
					"x-request-id"));
	}

	@Test
	void acceptedBaggageKeysReplaceSpringBootsRemoteFields() {
		this.webRunner
			.withPropertyValues("management.tracing.baggage.remote-fields=tenant",
					"ag2.tracing.propagation.server.baggage.accepted-keys=user.id")
			.run((context) -> assertThat(baggagePolicy(context).acceptedKeys()).containsExactly("user.id"));
		this.webRunner.withPropertyValues("ag2.tracing.propagation.server.baggage.accepted-keys=*")
			.run((context) -> assertThat(baggagePolicy(context).acceptedKeys()).containsExactly("*"));
	}

	@Test
	void filterCoversTheConfiguredUrlPatterns() {
		this.webRunner.withPropertyValues("ag2.tracing.propagation.server.url-patterns=/a2a/*,/agents/*")
			.run((context) -> assertThat(
					context.getBean("ag2A2aExecutionFilter", FilterRegistrationBean.class).getUrlPatterns())
				.containsExactly("/a2a/*", "/agents/*"));
	}

	@Test
	void filterIsNotRegisteredWhenServerPropagationIsDisabledButTheHeaderPolicyStays() {
		this.webRunner.withPropertyValues("ag2.tracing.propagation.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("ag2A2aExecutionFilter")
				.hasBean("ag2PropagationHeadersFilter")
				.hasSingleBean(TraceContextInterceptor.class));
	}

	@Test
	void nothingIsRegisteredWhenTracingIsDisabled() {
		this.webRunner.withPropertyValues("ag2.tracing.enabled=false")
			.withUserConfiguration(HandBuiltRestClientConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("ag2A2aExecutionFilter")
					.doesNotHaveBean("ag2PropagationHeadersFilter")
					.doesNotHaveBean(TraceContextInterceptor.class);
				assertThat(interceptorsOf(context.getBean("handBuilt", RestClient.class))).isEmpty();
			});
	}

	@Test
	void filterIsNotRegisteredInANonServletApplication() {
		this.plainRunner.run((context) -> assertThat(context).doesNotHaveBean("ag2A2aExecutionFilter")
			.doesNotHaveBean("ag2PropagationHeadersFilter")
			.hasSingleBean(TraceContextInterceptor.class));
	}

	@Test
	void filterIsNotRegisteredInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(TracingContextRunners.bootOpenTelemetryWithAg2())
			.withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("ag2A2aExecutionFilter")
				.doesNotHaveBean("ag2PropagationHeadersFilter"));
	}

	@Test
	void interceptorLeavesClientSpansToTheOpenTelemetryStartersRestClientInstrumentation() {
		// the interceptor's rules are HttpClientTracing's
		this.plainRunner.run((context) -> assertThat(context.getBean(HttpClientTracing.class))
			.hasFieldOrPropertyWithValue("opensClientSpans", true));
		this.plainRunner
			.withBean("otelRestClientCustomizer", RestClientCustomizer.class, () -> (builder) -> {
			})
			.run((context) -> assertThat(context.getBean(HttpClientTracing.class))
				.hasFieldOrPropertyWithValue("opensClientSpans", false));
	}

	@Test
	void userFilterRegistrationReplacesTheFilter() {
		this.webRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("ag2A2aExecutionFilter");
			assertThat(context.getBean("customA2aExecutionFilter", FilterRegistrationBean.class).getOrder())
				.isEqualTo(42);
		});
	}

	@Test
	void interceptorIsAddedOnceToRestClientsBuiltFromTheBuilder() {
		this.plainRunner.withUserConfiguration(BuilderBuiltRestClientConfiguration.class).run((context) -> {
			RestClient fromBuilder = context.getBean("fromBuilder", RestClient.class);
			assertThat(interceptorsOf(fromBuilder)).hasExactlyElementsOfTypes(TraceContextInterceptor.class);
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			assertThat(interceptorsOf(builder.build())).hasExactlyElementsOfTypes(TraceContextInterceptor.class);
		});
	}

	@Test
	void interceptorIsAddedOnceToRestClientsBuiltByHand() {
		this.plainRunner.withUserConfiguration(HandBuiltRestClientConfiguration.class).run((context) -> {
			RestClient handBuilt = context.getBean("handBuilt", RestClient.class);
			assertThat(interceptorsOf(handBuilt)).hasExactlyElementsOfTypes(TraceContextInterceptor.class);
			RestClient alreadyIntercepted = context.getBean("alreadyIntercepted", RestClient.class);
			assertThat(interceptorsOf(alreadyIntercepted)).hasExactlyElementsOfTypes(TraceContextInterceptor.class);
			assertThat(interceptorsOf(alreadyIntercepted).get(0))
				.isSameAs(context.getBean(TraceContextInterceptor.class));
		});
	}

	@Test
	void interceptorIsAbsentWhenClientPropagationIsDisabled() {
		this.plainRunner.withPropertyValues("ag2.tracing.propagation.client.enabled=false")
			.withUserConfiguration(HandBuiltRestClientConfiguration.class, BuilderBuiltRestClientConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TraceContextInterceptor.class);
				assertThat(interceptorsOf(context.getBean("handBuilt", RestClient.class))).isEmpty();
				assertThat(interceptorsOf(context.getBean("fromBuilder", RestClient.class))).isEmpty();
			});
	}

	private static InboundBaggagePolicy baggagePolicy(ApplicationContext context) {
		PropagationHeadersFilter filter = (PropagationHeadersFilter) context
			.getBean("ag2PropagationHeadersFilter", FilterRegistrationBean.class)
			.getFilter();
		return filter.baggagePolicy();
	}

	static List<ClientHttpRequestInterceptor> interceptorsOf(RestClient restClient) {
		List<ClientHttpRequestInterceptor> found = new ArrayList<>();
		restClient.mutate().requestInterceptors(found::addAll);
		return found;
	}

	@Configuration(proxyBeanMethods = false)
	static class HandBuiltRestClientConfiguration {

		@Bean
		RestClient handBuilt() {
			return RestClient.create();
		}

		@Bean
		RestClient alreadyIntercepted(ApplicationContext context) {
			TraceContextInterceptor interceptor = context.getBeanProvider(TraceContextInterceptor.class)
				.getIfAvailable();
			RestClient.Builder builder = RestClient.builder();
			if (interceptor != null) {
				builder.requestInterceptor(interceptor);
			}
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderBuiltRestClientConfiguration {

		@Bean
		RestClient fromBuilder(RestClient.Builder builder) {
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<A2aExecutionFilter> customA2aExecutionFilter() {
			FilterRegistrationBean<A2aExecutionFilter> registration = new FilterRegistrationBean<>(
					new A2aExecutionFilter(io.opentelemetry.api.OpenTelemetry.noop(),
							io.opentelemetry.api.OpenTelemetry.noop().getTracer("test")));
			registration.setOrder(42);
			return registration;
		}

	}

}
