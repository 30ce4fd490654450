package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.langchain4j.ChatModelAdvisor;
import ai.ag2.tracing.internal.langchain4j.LangChain4jExtractor;
import ai.ag2.tracing.internal.langchain4j.TokenStreamEndStrategy;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.langchain4j.Ag2LangChain4j;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangChain4j, active when LangChain4j is
 * on the class path and {@code ag2.tracing.integrations.langchain4j.enabled} is not
 * {@code false}: every call of a {@code ChatModel} or {@code StreamingChatModel} bean is a
 * {@code chat {model}} span (the bean keeps its class), {@code @LlmClient} methods read
 * LangChain4j's request and response types, an {@code @Agent} or {@code @LlmClient} method that
 * returns a {@code TokenStream} ends its span with the stream, and {@link Ag2LangChain4j} traces
 * what is built by hand: models, their HTTP clients and the tools {@code AiServices} runs.
 *
 * @see Ag2TracingProperties.Integrations
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class)
@ConditionalOnClass({ ChatModel.class, Advisor.class })
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBooleanProperty(name = "ag2.tracing.integrations.langchain4j.enabled", matchIfMissing = true)
@ConditionalOnBean(Ag2Operations.class)
public final class Ag2LangChain4jAutoConfiguration {

	Ag2LangChain4jAutoConfiguration() {
	}

	// Static and free of eager dependencies: the auto-proxy creator instantiates advisors while
	// bean post-processors are still being registered.
	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ChatModelAdvisor ag2LangChain4jChatModelAdvisor(ObjectProvider<Ag2Operations> ag2Operations) {
		return new ChatModelAdvisor(ag2Operations::getObject);
	}

	/** Reads LangChain4j's request and response types for {@code @LlmClient} methods, after the application's extractors. */
	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.LOWEST_PRECEDENCE)
	LangChain4jExtractor ag2LangChain4jExtractor(Ag2Instrumentation instrumentation) {
		return new LangChain4jExtractor(instrumentation.contentCapture().isEnabled());
	}

	/** What needs LangChain4j's AI services and HTTP client modules besides its core. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AiServices.class, HttpClientBuilder.class })
	static class AiServicesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TokenStreamEndStrategy ag2TokenStreamEndStrategy() {
			return new TokenStreamEndStrategy();
		}

		@Bean
		@ConditionalOnMissingBean
		Ag2LangChain4j ag2LangChain4j(ChatModelAdvisor ag2LangChain4jChatModelAdvisor,
				ObjectProvider<Ag2Operations> ag2Operations, ObjectProvider<HttpClientTracing> ag2HttpClientTracing) {
			return new Ag2LangChain4j(ag2LangChain4jChatModelAdvisor, ag2Operations::getObject,
					ag2HttpClientTracing.getIfAvailable());
		}

	}

}
