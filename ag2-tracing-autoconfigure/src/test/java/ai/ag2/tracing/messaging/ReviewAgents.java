package ai.ag2.tracing.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Agents that talk over Spring Messaging channels: the planner sends a task on {@code reviews},
 * the reviewer answers on {@code replies}, the planner files the answer on {@code archive}, the
 * archivist keeps it. Three envelopes, each sent while the previous one is handled.
 */
final class ReviewAgents {

	private ReviewAgents() {
	}

	/** What the handlers received, and on which thread. */
	static final class Received {

		private final List<Delivery> deliveries = new ArrayList<>();

		private final BlockingQueue<String> archived = new LinkedBlockingQueue<>();

		synchronized void add(String agent, Message<?> message) {
			this.deliveries.add(new Delivery(agent, message, Thread.currentThread().getName()));
		}

		synchronized Delivery of(String agent) {
			return this.deliveries.stream()
				.filter((delivery) -> delivery.agent().equals(agent))
				.findFirst()
				.orElseThrow(() -> new AssertionError("nothing delivered to " + agent + " in " + this.deliveries));
		}

		void archive(String entry) {
			this.archived.add(entry);
		}

		String awaitArchived() throws Exception {
			String entry = this.archived.poll(10, TimeUnit.SECONDS);
			if (entry == null) {
				throw new IllegalStateException("nothing was archived");
			}
			return entry;
		}

	}

	record Delivery(String agent, Message<?> message, String thread) {

		String header(String name) {
			Object value = this.message.getHeaders().get(name);
			return (value != null) ? value.toString() : null;
		}

	}

	/** The conversation: the planner's turn sends the task, and the loop waits for the archived verdict. */
	static class ReviewLoop {

		private final Planner planner;

		private final Received received;

		ReviewLoop(Planner planner, Received received) {
			this.planner = planner;
			this.received = received;
		}

		@Conversation(agent = "planner", id = "review-7")
		public String review(String task) throws Exception {
			this.planner.plan(task);
			return this.received.awaitArchived();
		}

	}

	@Agent(name = "planner", description = "Plans the work and asks for reviews")
	static class Planner {

		private final MessageChannel reviews;

		private volatile Message<?> lastSent;

		Planner(MessageChannel reviews) {
			this.reviews = reviews;
		}

		public boolean plan(String task) {
			Message<String> message = MessageBuilder.withPayload(task).setHeader("priority", "high").build();
			this.lastSent = message;
			return this.reviews.send(message);
		}

		public Message<?> getLastSent() {
			return this.lastSent;
		}

	}

	@Agent(name = "reviewer", description = "Reviews tasks")
	static class Reviewer implements MessageHandler {

		private final MessageChannel replies;

		private final Received received;

		private volatile RuntimeException failure;

		Reviewer(MessageChannel replies, Received received) {
			this.replies = replies;
			this.received = received;
		}

		void failWith(RuntimeException failure) {
			this.failure = failure;
		}

		@Override
		public void handleMessage(Message<?> message) {
			this.received.add("reviewer", message);
			if (this.failure != null) {
				throw this.failure;
			}
			this.replies.send(MessageBuilder.withPayload("approved: " + message.getPayload()).build());
		}

	}

	/** The planner's turn on a reply: it files the verdict. */
	@Agent(name = "planner")
	static class PlannerInbox implements MessageHandler {

		private final MessageChannel archive;

		private final Received received;

		PlannerInbox(MessageChannel archive, Received received) {
			this.archive = archive;
			this.received = received;
		}

		@Override
		public void handleMessage(Message<?> message) {
			this.received.add("planner", message);
			this.archive.send(MessageBuilder.withPayload("filed: " + message.getPayload()).build());
		}

	}

	@Agent(name = "archivist")
	static class Archivist implements MessageHandler {

		private final Received received;

		Archivist(Received received) {
			this.received = received;
		}

		@Override
		public void handleMessage(Message<?> message) {
			this.received.add("archivist", message);
			this.received.archive(String.valueOf(message.getPayload()));
		}

	}

}
