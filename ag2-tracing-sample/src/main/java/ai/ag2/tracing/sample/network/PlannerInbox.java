package ai.ag2.tracing.sample.network;

import java.util.concurrent.atomic.AtomicReference;

import ai.ag2.tracing.annotation.Agent;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The planner's turn on each reply that arrives on {@code replies}: it takes note of the review.
 */
@Agent(name = "planner")
public class PlannerInbox implements MessageHandler {

	private final AtomicReference<String> lastReview = new AtomicReference<>("");

	@Override
	public void handleMessage(Message<?> reply) {
		this.lastReview.set(String.valueOf(reply.getPayload()));
	}

	String lastReview() {
		return this.lastReview.get();
	}

}
