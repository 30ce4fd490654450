package ai.ag2.tracing.autoconfigure;

import java.util.List;

import ai.ag2.tracing.internal.console.SpanDetails;
import ai.ag2.tracing.internal.messaging.EnvelopeChannelInterceptor;
import ai.ag2.tracing.internal.messaging.EnvelopeLinkListener;
import ai.ag2.tracing.internal.messaging.EnvelopeObservationHandler;
import ai.ag2.tracing.internal.messaging.EnvelopeSpanDetails;
import ai.ag2.tracing.internal.messaging.EnvelopeTracing;
import ai.ag2.tracing.test.TracingContextRunners;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Ag2TracingMessagingAutoConfiguration}.
 */
class Ag2TracingMessagingAutoConfigurationTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(AutoConfigurations.of(Ag2TracingMessagingAutoConfiguration.class));

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(org.springframework.boot.autoconfigure.AutoConfiguration.class, null)
			.getCandidates()).contains(Ag2TracingMessagingAutoConfiguration.class.getName());
	}

	@Test
	void everyChannelBeanGetsOneEnvelopeInterceptorFirstInItsChainAndNamedAfterTheBean() {
		this.runner.withUserConfiguration(Channels.class).run((context) -> {
			assertThat(context).hasSingleBean(EnvelopeTracing.class)
				.hasSingleBean(EnvelopeLinkListener.class)
				.hasSingleBean(EnvelopeObservationHandler.class)
				.hasBean("ag2EnvelopeChannelRegistrar");
			assertThat(context.getBeansOfType(SpanDetails.class).values())
				.hasAtLeastOneElementOfType(EnvelopeSpanDetails.class);
			ExecutorSubscribableChannel plain = context.getBean("reviews", ExecutorSubscribableChannel.class);
			assertThat(plain.getInterceptors()).singleElement()
				.isInstanceOfSatisfying(EnvelopeChannelInterceptor.class,
						(interceptor) -> assertThat(interceptor.channelName()).isEqualTo("reviews"));
			ExecutorSubscribableChannel audited = context.getBean("audited", ExecutorSubscribableChannel.class);
			List<ChannelInterceptor> interceptors = audited.getInterceptors();
			assertThat(interceptors).hasSize(2);
			assertThat(interceptors.get(0)).isInstanceOf(EnvelopeChannelInterceptor.class);
			assertThat(interceptors.get(1)).isSameAs(Channels.AUDIT);
		});
	}

	@Test
	void whenTheMessagingIntegrationIsDisabledChannelsAreLeftAlone() {
		this.runner.withUserConfiguration(Channels.class)
			.withPropertyValues("ag2.tracing.integrations.messaging.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EnvelopeTracing.class)
					.doesNotHaveBean(EnvelopeObservationHandler.class)
					.doesNotHaveBean("ag2EnvelopeChannelRegistrar");
				assertThat(context.getBean("reviews", ExecutorSubscribableChannel.class).getInterceptors()).isEmpty();
			});
	}

	@Test
	void whenAg2TracingIsDisabledChannelsAreLeftAlone() {
		this.runner.withUserConfiguration(Channels.class)
			.withPropertyValues("ag2.tracing.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EnvelopeTracing.class);
				assertThat(context.getBean("reviews", ExecutorSubscribableChannel.class).getInterceptors()).isEmpty();
			});
	}

	@Test
	void withoutSpringMessagingThereIsNoEnvelopeTracing() {
		this.runner.withClassLoader(new FilteredClassLoader(MessageChannel.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EnvelopeTracing.class));
	}

	@Test
	void withoutMicrometerTracingsOpenTelemetryBridgeChannelsAreStillTraced() {
		this.runner.withClassLoader(new FilteredClassLoader(OtelSpan.class))
			.withUserConfiguration(Channels.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EnvelopeTracing.class)
					.doesNotHaveBean(EnvelopeObservationHandler.class);
				assertThat(context.getBean("reviews", ExecutorSubscribableChannel.class).getInterceptors())
					.hasOnlyElementsOfType(EnvelopeChannelInterceptor.class);
			});
	}

	@Test
	void inboundModeComesFromTheNetworkProperty() {
		this.runner.withPropertyValues("ag2.tracing.network.inbound=link")
			.run((context) -> assertThat(context.getBean(EnvelopeTracing.class).linkOnly()).isTrue());
		this.runner.run((context) -> assertThat(context.getBean(EnvelopeTracing.class).linkOnly()).isFalse());
	}

	@Configuration(proxyBeanMethods = false)
	static class Channels {

		static final ChannelInterceptor AUDIT = new ChannelInterceptor() {
		};

		@Bean
		ExecutorSubscribableChannel reviews() {
			return new ExecutorSubscribableChannel();
		}

		@Bean
		ExecutorSubscribableChannel audited() {
			ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
			channel.setInterceptors(List.of(AUDIT));
			return channel;
		}

	}

}
