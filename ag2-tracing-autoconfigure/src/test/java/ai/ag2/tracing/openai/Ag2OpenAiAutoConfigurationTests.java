package ai.ag2.tracing.openai;

import ai.ag2.tracing.Ag2OpenAiClients;
import ai.ag2.tracing.autoconfigure.Ag2HttpClientsAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2OpenAiAutoConfiguration;
import ai.ag2.tracing.internal.openai.OpenAiClientTracing;
import ai.ag2.tracing.internal.openai.OpenAiSdkExtractor;
import ai.ag2.tracing.internal.openai.OpenAiStreamEndStrategy;
import ai.ag2.tracing.test.TracingContextRunners;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link Ag2OpenAiAutoConfiguration} does to the OpenAI SDK clients of the context.
 */
class Ag2OpenAiAutoConfigurationTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(AutoConfigurations.of(Ag2HttpClientsAutoConfiguration.class, Ag2OpenAiAutoConfiguration.class))
		.withBean(OpenAIClient.class,
				() -> OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:1/v1").apiKey("test").build())
		.withBean(OpenAIClientAsync.class,
				() -> OpenAIOkHttpClientAsync.builder().baseUrl("http://127.0.0.1:1/v1").apiKey("test").build());

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(org.springframework.boot.autoconfigure.AutoConfiguration.class, null)
			.getCandidates()).contains(Ag2OpenAiAutoConfiguration.class.getName());
	}

	@Test
	void clientBeansAreTracedAndKeepTheirType() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(OpenAiSdkExtractor.class).hasSingleBean(OpenAiStreamEndStrategy.class);
			assertThat(OpenAiClientTracing.isTraced(context.getBean(OpenAIClient.class))).isTrue();
			assertThat(OpenAiClientTracing.isTraced(context.getBean(OpenAIClientAsync.class))).isTrue();
			OpenAIClient traced = context.getBean(OpenAIClient.class);
			assertThat(context.getBean(Ag2OpenAiClients.class).wrap(traced)).isSameAs(traced);
		});
	}

	@Test
	void switchedOffTheClientsAreLeftAloneAndWrapPassesThrough() {
		this.runner.withPropertyValues("ag2.tracing.integrations.openai.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(OpenAiClientTracing.class).doesNotHaveBean(OpenAiSdkExtractor.class);
			OpenAIClient client = context.getBean(OpenAIClient.class);
			assertThat(OpenAiClientTracing.isTraced(client)).isFalse();
			assertThat(context.getBean(Ag2OpenAiClients.class).wrap(client)).isSameAs(client);
		});
	}

	@Test
	void withTracingOffTheWrapperIsStillThere() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			OpenAIClient client = context.getBean(OpenAIClient.class);
			assertThat(OpenAiClientTracing.isTraced(client)).isFalse();
			assertThat(context.getBean(Ag2OpenAiClients.class).wrap(client)).isSameAs(client);
		});
	}

	@Test
	void withoutTheSdkNothingIsRegistered() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader(OpenAIClient.class))
			.withConfiguration(TracingContextRunners.bootOpenTelemetryWithAg2())
			.withConfiguration(AutoConfigurations.of(Ag2OpenAiAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Ag2OpenAiClients.class)
				.doesNotHaveBean(OpenAiClientTracing.class));
	}

}
