package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.messaging.EnvelopeChannelRegistrar;
import ai.ag2.tracing.internal.messaging.EnvelopeLinkListener;
import ai.ag2.tracing.internal.messaging.EnvelopeObservationHandler;
import ai.ag2.tracing.internal.messaging.EnvelopeSpanDetails;
import ai.ag2.tracing.internal.messaging.EnvelopeTracing;
import ai.ag2.tracing.internal.messaging.LibrarySendSpans;
import ai.ag2.tracing.internal.messaging.MicrometerSendSpans;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for envelope tracing (DESIGN §14): a message
 * an agent sends on a Spring Messaging channel (Spring Integration's included) becomes a
 * {@code send {channel}} PRODUCER span whose headers carry the trace and the {@code ag2-*}
 * envelope headers, and the agent turn that handles it is stitched to it. With Micrometer Tracing,
 * the PRODUCER spans of Kafka's and RabbitMQ's observations are enriched the same way. Active with
 * {@code spring-messaging} on the classpath unless
 * {@code ag2.tracing.integrations.messaging.enabled=false}.
 *
 * @see Ag2TracingProperties.Network
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class)
@ConditionalOnClass(MessageChannel.class)
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBooleanProperty(name = "ag2.tracing.integrations.messaging.enabled", matchIfMissing = true)
@ConditionalOnBean(Ag2Operations.class)
public final class Ag2TracingMessagingAutoConfiguration {

	private static final String[] MICROMETER_TRACING = { "io.micrometer.observation.ObservationRegistry",
			"io.micrometer.tracing.handler.TracingObservationHandler" };

	Ag2TracingMessagingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	EnvelopeTracing ag2EnvelopeTracing(Ag2Operations ag2Operations, Ag2Instrumentation instrumentation,
			Ag2TracingProperties properties) {
		return new EnvelopeTracing(ag2Operations, instrumentation.openTelemetry().getPropagators().getTextMapPropagator(),
				properties.getNetwork().getInbound() == Ag2TracingProperties.Network.Inbound.LINK);
	}

	// Static and lazy: channels are created early, before the tracing they will use.
	@Bean
	static EnvelopeChannelRegistrar ag2EnvelopeChannelRegistrar(ObjectProvider<EnvelopeTracing> tracing,
			BeanFactory beanFactory) {
		return new EnvelopeChannelRegistrar(SingletonSupplier.of(tracing::getObject),
				SingletonSupplier.of(() -> librarySends(beanFactory)));
	}

	private static LibrarySendSpans librarySends(BeanFactory beanFactory) {
		ClassLoader classLoader = Ag2TracingMessagingAutoConfiguration.class.getClassLoader();
		for (String type : MICROMETER_TRACING) {
			if (!ClassUtils.isPresent(type, classLoader)) {
				return LibrarySendSpans.NONE;
			}
		}
		return ObservedSends.from(beanFactory);
	}

	/** The agent turn that handles an envelope links to it. */
	@Bean
	@ConditionalOnMissingBean
	EnvelopeLinkListener ag2EnvelopeLinkListener() {
		return new EnvelopeLinkListener();
	}

	/** What the console tree shows of an envelope span. */
	@Bean
	@ConditionalOnMissingBean
	EnvelopeSpanDetails ag2EnvelopeSpanDetails() {
		return new EnvelopeSpanDetails();
	}

	/** Envelopes over the brokers whose clients observe sends and receives (Kafka, RabbitMQ). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, TracingObservationHandler.class, OtelSpan.class })
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EnvelopeObservationHandler ag2EnvelopeObservationHandler(ObjectProvider<EnvelopeTracing> tracing) {
			return new EnvelopeObservationHandler(SingletonSupplier.of(tracing::getObject));
		}

	}

	/** Kept apart so that Micrometer's classes load only when they are present. */
	private static final class ObservedSends {

		static LibrarySendSpans from(BeanFactory beanFactory) {
			ObservationRegistry registry = beanFactory.getBeanProvider(ObservationRegistry.class).getIfAvailable();
			return (registry != null) ? new MicrometerSendSpans(registry) : LibrarySendSpans.NONE;
		}

	}

}
