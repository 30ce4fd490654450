package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.Ag2OpenAiClients;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.openai.OpenAiClientPostProcessor;
import ai.ag2.tracing.internal.openai.OpenAiClientTracing;
import ai.ag2.tracing.internal.openai.OpenAiSdkExtractor;
import ai.ag2.tracing.internal.openai.OpenAiStreamEndStrategy;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import com.openai.client.OpenAIClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the OpenAI Java SDK
 * ({@code com.openai:openai-java} 4.x): {@code OpenAIClient}/{@code OpenAIClientAsync} beans are
 * traced (LLM spans through the ag2 pipeline, {@code traceparent} on the SDK's requests), the
 * SDK's params and results are read with their types when an {@code @LlmClient} method takes or
 * returns them, and its stream handles end such a method's span when they end. Active with the
 * SDK on the classpath and {@code ag2.tracing.integrations.openai.enabled} (default true).
 * {@link Ag2OpenAiClients} is there whenever the SDK is, so that code wrapping a client by hand
 * runs with the integration off too (it then returns the client unchanged).
 */
@AutoConfiguration(after = { Ag2TracingAutoConfiguration.class, Ag2HttpClientsAutoConfiguration.class })
@ConditionalOnClass(OpenAIClient.class)
public final class Ag2OpenAiAutoConfiguration {

	Ag2OpenAiAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	Ag2OpenAiClients ag2OpenAiClients(ObjectProvider<OpenAiClientTracing> tracing) {
		return new Ag2OpenAiClients(tracing.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledAg2Tracing
	@ConditionalOnBean(Ag2Operations.class)
	@ConditionalOnBooleanProperty(name = "ag2.tracing.integrations.openai.enabled", matchIfMissing = true)
	static class IntegrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenAiClientTracing ag2OpenAiClientTracing(Ag2Operations ag2Operations,
				ObjectProvider<HttpClientTracing> httpClientTracing) {
			return new OpenAiClientTracing(ag2Operations, httpClientTracing.getIfAvailable());
		}

		@Bean
		static OpenAiClientPostProcessor ag2OpenAiClientPostProcessor(ObjectProvider<OpenAiClientTracing> tracing) {
			return new OpenAiClientPostProcessor(tracing::getObject);
		}

		/** After the application's own extractors (of the default order), before the built-in ones. */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		OpenAiSdkExtractor ag2OpenAiSdkExtractor(Ag2Instrumentation instrumentation) {
			return new OpenAiSdkExtractor(instrumentation.contentCapture().isEnabled());
		}

		@Bean
		OpenAiStreamEndStrategy ag2OpenAiStreamEndStrategy() {
			return new OpenAiStreamEndStrategy();
		}

	}

}
