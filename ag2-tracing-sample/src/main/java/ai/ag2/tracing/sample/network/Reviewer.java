package ai.ag2.tracing.sample.network;

import java.util.List;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatRequest;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.ScriptedLlm;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The reviewer's turn on each task that arrives on {@code reviews}: a review by the model, sent
 * back on {@code replies}.
 */
@Agent(name = "reviewer", description = "Reviews tasks")
public class Reviewer implements MessageHandler {

	private final LanguageModel llm;

	private final String model;

	private final MessageChannel replies;

	public Reviewer(LanguageModel llm, String model, MessageChannel replies) {
		this.llm = llm;
		this.model = model;
		this.replies = replies;
	}

	@Override
	public void handleMessage(Message<?> task) {
		String review = this.llm.chat(new ChatRequest(this.model, List.of(ChatMessage.system(ScriptedLlm.REVIEWER_PROMPT),
				ChatMessage.user("planner", String.valueOf(task.getPayload()))), List.of()))
			.content();
		this.replies.send(MessageBuilder.withPayload(review).build());
	}

}
