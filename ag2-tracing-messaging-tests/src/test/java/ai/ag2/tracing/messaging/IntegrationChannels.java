package ai.ag2.tracing.messaging;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.ExecutorChannel;
import org.springframework.integration.config.EnableIntegrationManagement;
import org.springframework.messaging.MessageChannel;

/**
 * The channels of {@link IntegrationReviewApplication}, direct or with executors, and Spring
 * Integration's observations: one of each is added to the application by each test.
 */
final class IntegrationChannels {

	private IntegrationChannels() {
	}

	/** Spring Integration's own observations of every channel and handler, on. */
	@Configuration(proxyBeanMethods = false)
	@EnableIntegrationManagement(observationPatterns = "*")
	static class Observed {

	}

	/** Handlers run on the sender's thread, inside the send. */
	@Configuration(proxyBeanMethods = false)
	static class DirectChannels {

		@Bean
		DirectChannel reviews() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel replies() {
			return new DirectChannel();
		}

		@Bean
		DirectChannel archive() {
			return new DirectChannel();
		}

	}

	/** Handlers run on a thread of each channel's own executor (plain JDK pools). */
	@Configuration(proxyBeanMethods = false)
	static class ExecutorChannels {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService channelExecutor() {
			return Executors.newFixedThreadPool(3, (task) -> new Thread(task, "channel-executor"));
		}

		@Bean
		ExecutorChannel reviews(ExecutorService channelExecutor) {
			return new ExecutorChannel(channelExecutor);
		}

		@Bean
		ExecutorChannel replies(ExecutorService channelExecutor) {
			return new ExecutorChannel(channelExecutor);
		}

		@Bean
		ExecutorChannel archive(ExecutorService channelExecutor) {
			return new ExecutorChannel(channelExecutor);
		}

	}

	/** A planner whose channel has no subscriber. */
	@Configuration(proxyBeanMethods = false)
	static class Nowhere {

		@Bean
		DirectChannel nowhere() {
			return new DirectChannel();
		}

		@Bean
		IntegrationReviewApplication.Planner lostPlanner(@Qualifier("nowhere") MessageChannel nowhere) {
			return new IntegrationReviewApplication.Planner(nowhere);
		}

	}

}
