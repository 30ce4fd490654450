package ai.ag2.tracing.messaging;

import java.util.HashMap;
import java.util.Map;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Agents that talk over Kafka topics with Spring Boot's Kafka auto-configuration and Spring
 * Kafka's observations on: the planner sends a task to {@code reviews}, the reviewer's listener
 * answers on {@code replies}, the planner's files the answer on {@code archive}, the archivist
 * keeps it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class KafkaReviewApplication {

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	Deliveries deliveries() {
		return new Deliveries();
	}

	@Bean
	Planner planner(KafkaTemplate<String, String> kafka) {
		return new Planner(kafka);
	}

	@Bean
	Reviewer reviewer(KafkaTemplate<String, String> kafka, Deliveries deliveries) {
		return new Reviewer(kafka, deliveries);
	}

	@Bean
	PlannerInbox plannerInbox(KafkaTemplate<String, String> kafka, Deliveries deliveries) {
		return new PlannerInbox(kafka, deliveries);
	}

	@Bean
	Archivist archivist(Deliveries deliveries) {
		return new Archivist(deliveries);
	}

	@Bean
	ReviewLoop reviewLoop(Planner planner, Deliveries deliveries) {
		return new ReviewLoop(planner, deliveries);
	}

	static Map<String, byte[]> headers(ConsumerRecord<?, ?> record) {
		Map<String, byte[]> headers = new HashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), header.value());
		}
		return headers;
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

		private final KafkaTemplate<String, String> kafka;

		Planner(KafkaTemplate<String, String> kafka) {
			this.kafka = kafka;
		}

		public void plan(String task) {
			this.kafka.send("reviews", task).join();
		}

	}

	@Agent(name = "reviewer")
	static class Reviewer {

		private final KafkaTemplate<String, String> kafka;

		private final Deliveries deliveries;

		Reviewer(KafkaTemplate<String, String> kafka, Deliveries deliveries) {
			this.kafka = kafka;
			this.deliveries = deliveries;
		}

		@KafkaListener(id = "reviewer", topics = "reviews")
		public void review(ConsumerRecord<String, String> task) {
			this.deliveries.add("reviewer", task.value(), headers(task));
			this.kafka.send("replies", "approved: " + task.value()).join();
		}

	}

	@Agent(name = "planner")
	static class PlannerInbox {

		private final KafkaTemplate<String, String> kafka;

		private final Deliveries deliveries;

		PlannerInbox(KafkaTemplate<String, String> kafka, Deliveries deliveries) {
			this.kafka = kafka;
			this.deliveries = deliveries;
		}

		@KafkaListener(id = "planner", topics = "replies")
		public void file(ConsumerRecord<String, String> reply) {
			this.deliveries.add("planner", reply.value(), headers(reply));
			this.kafka.send("archive", "filed: " + reply.value()).join();
		}

	}

	@Agent(name = "archivist")
	static class Archivist {

		private final Deliveries deliveries;

		Archivist(Deliveries deliveries) {
			this.deliveries = deliveries;
		}

		@KafkaListener(id = "archivist", topics = "archive")
		public void keep(ConsumerRecord<String, String> entry) {
			this.deliveries.add("archivist", entry.value(), headers(entry));
			this.deliveries.archive(entry.value());
		}

	}

}
