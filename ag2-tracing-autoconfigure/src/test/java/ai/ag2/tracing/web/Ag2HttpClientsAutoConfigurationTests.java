package ai.ag2.tracing.web;

import java.net.http.HttpClient;

import ai.ag2.tracing.Ag2HttpClients;
import ai.ag2.tracing.Ag2OkHttpInterceptor;
import ai.ag2.tracing.autoconfigure.Ag2HttpClientsAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingWebAutoConfiguration;
import ai.ag2.tracing.internal.http.TraceContextExchangeFilter;
import ai.ag2.tracing.internal.http.TraceContextRestTemplatePostProcessor;
import ai.ag2.tracing.internal.http.TraceContextWebClientPostProcessor;
import ai.ag2.tracing.internal.http.TracingJdkHttpClient;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import ai.ag2.tracing.test.TracingContextRunners;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which outbound beans {@link Ag2HttpClientsAutoConfiguration} registers, and what they do to the
 * clients of the context.
 */
class Ag2HttpClientsAutoConfigurationTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(
				AutoConfigurations.of(Ag2TracingWebAutoConfiguration.class, Ag2HttpClientsAutoConfiguration.class));

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(org.springframework.boot.autoconfigure.AutoConfiguration.class, null)
			.getCandidates()).contains(Ag2HttpClientsAutoConfiguration.class.getName());
	}

	@Test
	void registersTheAdaptersOfEveryClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Ag2HttpClients.class)
				.hasSingleBean(TraceContextRestTemplatePostProcessor.class)
				.hasSingleBean(RestTemplateCustomizer.class)
				.hasSingleBean(TraceContextExchangeFilter.class)
				.hasSingleBean(TraceContextWebClientPostProcessor.class)
				.hasSingleBean(WebClientCustomizer.class);
			Ag2HttpClients clients = context.getBean(Ag2HttpClients.class);
			HttpClient wrapped = clients.wrap(HttpClient.newHttpClient());
			assertThat(wrapped).isInstanceOf(TracingJdkHttpClient.class);
			assertThat(clients.wrap(wrapped)).as("wrapping twice").isSameAs(wrapped);
			assertThat(context).hasSingleBean(Ag2OkHttpInterceptor.class);
		});
	}

	@Test
	void restTemplateAndWebClientBeansBuiltByHandGetTheirAdapterOnce() {
		this.runner.withBean("restTemplate", RestTemplate.class, RestTemplate::new)
			.withBean("webClient", WebClient.class, WebClient::create)
			.run((context) -> {
				RestTemplate restTemplate = context.getBean(RestTemplate.class);
				assertThat(restTemplate.getInterceptors()).filteredOn(TraceContextInterceptor.class::isInstance)
					.hasSize(1);
				context.getBean(RestTemplateCustomizer.class).customize(restTemplate);
				assertThat(restTemplate.getInterceptors()).filteredOn(TraceContextInterceptor.class::isInstance)
					.as("after the customizer too")
					.hasSize(1);
				int[] filters = { 0 };
				context.getBean(WebClient.class)
					.mutate()
					.filters((list) -> filters[0] = (int) list.stream()
						.filter(TraceContextExchangeFilter.class::isInstance)
						.count());
				assertThat(filters[0]).isEqualTo(1);
			});
	}

	@Test
	void withClientPropagationOffTheClientsAreLeftAloneAndTheWrapperPassesThrough() {
		this.runner.withPropertyValues("ag2.tracing.propagation.client.enabled=false")
			.withBean("restTemplate", RestTemplate.class, RestTemplate::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TraceContextExchangeFilter.class)
					.doesNotHaveBean(TraceContextRestTemplatePostProcessor.class)
					.doesNotHaveBean(TraceContextWebClientPostProcessor.class)
					.doesNotHaveBean(WebClientCustomizer.class)
					.doesNotHaveBean(RestTemplateCustomizer.class);
				assertThat(context.getBean(RestTemplate.class).getInterceptors()).isEmpty();
				HttpClient client = HttpClient.newHttpClient();
				assertThat(context.getBean(Ag2HttpClients.class).wrap(client)).isSameAs(client);
				assertThat(context.getBean(Ag2OkHttpInterceptor.class))
					.hasFieldOrPropertyWithValue("delegate", null);
			});
	}

	@Test
	void withoutOkHttpTheContextStartsAndHasNoOkHttpInterceptor() {
		this.runner.withClassLoader(new FilteredClassLoader("okhttp3"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Ag2HttpClients.class)
				.doesNotHaveBean(Ag2OkHttpInterceptor.class));
	}

	@Test
	void withTracingOffTheWrapperIsStillThereAndPassesThrough() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			HttpClient client = HttpClient.newHttpClient();
			assertThat(context.getBean(Ag2HttpClients.class).wrap(client)).isSameAs(client);
		});
	}

}
