package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.springai.Ag2StreamAdvisor;
import ai.ag2.tracing.internal.springai.SpringAiFrameworkObservationHandler;
import ai.ag2.tracing.internal.springai.SpringAiObservationHandler;
import ai.ag2.tracing.internal.springai.StreamHeaderRemover;
import ai.ag2.tracing.internal.springai.StreamedChatCalls;
import ai.ag2.tracing.internal.springai.StreamedRequestTracingHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
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
 * {@link EnableAutoConfiguration Auto-configuration} of the Spring AI integration: active with
 * Spring AI on the classpath unless {@code ag2.tracing.integrations.spring-ai.enabled=false}.
 * Spring AI's model and tool observations become ag2's LLM and tool spans (made by
 * {@link SpringAiObservationHandler} ahead of Micrometer's default tracing handler, so needing
 * Micrometer Tracing's OpenTelemetry bridge, which Spring Boot's OpenTelemetry starter brings), its
 * framework observations carry the conversation and agent of the enclosing ag2 spans, and streamed
 * calls of auto-configured {@code ChatClient}s keep one trace down to the model endpoint.
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ ChatModelObservationContext.class, ObservationRegistry.class })
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBooleanProperty(name = "ag2.tracing.integrations.spring-ai.enabled", matchIfMissing = true)
@ConditionalOnBean(Ag2Operations.class)
public final class Ag2SpringAiAutoConfiguration {

	/** Order of ag2's Spring AI tracing handlers: ahead of Micrometer's own tracing handlers. */
	public static final int TRACING_HANDLER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	Ag2SpringAiAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	SpringAiFrameworkObservationHandler ag2SpringAiFrameworkObservationHandler() {
		return new SpringAiFrameworkObservationHandler();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TracingObservationHandler.class, OtelTracer.class })
	@ConditionalOnBean(OtelTracer.class)
	static class MicrometerTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StreamedChatCalls ag2SpringAiStreamedChatCalls() {
			return new StreamedChatCalls();
		}

		@Bean
		@ConditionalOnMissingBean
		@Order(TRACING_HANDLER_ORDER)
		SpringAiObservationHandler ag2SpringAiObservationHandler(OtelTracer tracer, Ag2Operations ag2Operations,
				StreamedChatCalls ag2SpringAiStreamedChatCalls) {
			return new SpringAiObservationHandler(tracer, ag2Operations, ag2SpringAiStreamedChatCalls);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ChatClientCustomizer.class)
		static class ChatClientConfiguration {

			/** ag2's stream advisor in every ChatClient built from Spring AI's {@code ChatClient.Builder}. */
			@Bean
			ChatClientCustomizer ag2SpringAiChatClientCustomizer(StreamedChatCalls ag2SpringAiStreamedChatCalls) {
				Ag2StreamAdvisor advisor = new Ag2StreamAdvisor(ag2SpringAiStreamedChatCalls);
				return (builder) -> builder.defaultAdvisors(advisor);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "okhttp3.OkHttpClient",
				"io.micrometer.core.instrument.binder.okhttp3.OkHttpContext" })
		static class OkHttpConfiguration {

			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnBean(Propagator.class)
			@Order(TRACING_HANDLER_ORDER)
			StreamedRequestTracingHandler ag2SpringAiStreamedRequestTracingHandler(OtelTracer tracer,
					Propagator propagator, StreamedChatCalls ag2SpringAiStreamedChatCalls) {
				return new StreamedRequestTracingHandler(tracer, propagator, ag2SpringAiStreamedChatCalls);
			}

			@Configuration(proxyBeanMethods = false)
			@ConditionalOnClass(OpenAiHttpClientBuilderCustomizer.class)
			static class OpenAiConfiguration {

				@Bean
				StreamHeaderRemover ag2SpringAiStreamHeaderRemover() {
					return new StreamHeaderRemover();
				}

			}

		}

	}

}
