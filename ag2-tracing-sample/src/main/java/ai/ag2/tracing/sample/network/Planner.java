package ai.ag2.tracing.sample.network;

import java.util.List;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatRequest;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.ScriptedLlm;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The planner's turn: it drafts a task with the model and sends it to the reviewer on the
 * {@code reviews} channel.
 */
@Agent(name = "planner", description = "Plans the work and asks for a review")
public class Planner {

	private final LanguageModel llm;

	private final String model;

	private final MessageChannel reviews;

	public Planner(LanguageModel llm, String model, MessageChannel reviews) {
		this.llm = llm;
		this.model = model;
		this.reviews = reviews;
	}

	/** Draft a task for {@code goal} and send it for review. */
	public String plan(String goal) {
		String task = this.llm.chat(new ChatRequest(this.model,
				List.of(ChatMessage.system(ScriptedLlm.PLANNER_PROMPT), ChatMessage.user("user", goal)), List.of()))
			.content();
		this.reviews.send(MessageBuilder.withPayload(task).build());
		return task;
	}

}
