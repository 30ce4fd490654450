package ai.ag2.tracing.messaging;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A Spring Integration application, configured by hand ({@code @EnableIntegration}): the planner
 * sends a task on {@code reviews}, the reviewer's service activator answers on {@code replies},
 * the planner's files the answer on {@code archive}, the archivist keeps it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableIntegration
class IntegrationReviewApplication {

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	Deliveries deliveries() {
		return new Deliveries();
	}

	@Bean
	Planner planner(MessageChannel reviews) {
		return new Planner(reviews);
	}

	@Bean
	Reviewer reviewer(Deliveries deliveries) {
		return new Reviewer(deliveries);
	}

	@Bean
	PlannerInbox plannerInbox(Deliveries deliveries) {
		return new PlannerInbox(deliveries);
	}

	@Bean
	Archivist archivist(Deliveries deliveries) {
		return new Archivist(deliveries);
	}

	@Bean
	ReviewLoop reviewLoop(Planner planner, Deliveries deliveries) {
		return new ReviewLoop(planner, deliveries);
	}

	static class ReviewLoop {

		private final Planner planner;

		private final Deliveries deliveries;

		ReviewLoop(Planner planner, Deliveries deliveries) {
			this.planner = planner;
			this.deliveries = deliveries;
		}

		@Conversation(agent = "planner", id = "review-7")
		public String review(String task) throws InterruptedException {
			this.planner.plan(task);
			return this.deliveries.awaitArchived();
		}

	}

	@Agent(name = "planner")
	static class Planner {

		private final MessageChannel reviews;

		Planner(MessageChannel reviews) {
			this.reviews = reviews;
		}

		public boolean plan(String task) {
			return this.reviews.send(MessageBuilder.withPayload(task).build());
		}

	}

	@Agent(name = "reviewer")
	static class Reviewer {

		private final Deliveries deliveries;

		private volatile @Nullable RuntimeException failure;

		Reviewer(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		void failWith(RuntimeException failure) {
			this.failure = failure;
		}

		@ServiceActivator(inputChannel = "reviews", outputChannel = "replies")
		public String review(Message<String> task) {
			this.deliveries.add("reviewer", task.getPayload(), task.getHeaders());
			RuntimeException toThrow = this.failure;
			if (toThrow != null) {
				throw toThrow;
			}
			return "approved: " + task.getPayload();
		}

	}

	@Agent(name = "planner")
	static class PlannerInbox {

		private final Deliveries deliveries;

		PlannerInbox(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		@ServiceActivator(inputChannel = "replies", outputChannel = "archive")
		public String file(Message<String> reply) {
			this.deliveries.add("planner", reply.getPayload(), reply.getHeaders());
			return "filed: " + reply.getPayload();
		}

	}

	@Agent(name = "archivist")
	static class Archivist {

		private final Deliveries deliveries;

		Archivist(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		@ServiceActivator(inputChannel = "archive")
		public void keep(Message<String> entry) {
			this.deliveries.add("archivist", entry.getPayload(), entry.getHeaders());
			this.deliveries.archive(entry.getPayload());
		}

	}

}
