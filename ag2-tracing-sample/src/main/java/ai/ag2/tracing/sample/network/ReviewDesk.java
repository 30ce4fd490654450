package ai.ag2.tracing.sample.network;

import ai.ag2.tracing.annotation.Conversation;

/**
 * The conversation of the messaging scenario: the planner plans, the reviewer answers over the
 * channels, and the review the planner received is the answer.
 */
public class ReviewDesk {

	private final Planner planner;

	private final PlannerInbox inbox;

	public ReviewDesk(Planner planner, PlannerInbox inbox) {
		this.planner = planner;
		this.inbox = inbox;
	}

	@Conversation(agent = "planner", maxTurns = "1")
	public String review(String goal) {
		String task = this.planner.plan(goal);
		return task + " / " + this.inbox.lastReview();
	}

}
