package ai.ag2.tracing.sample.springai;

import java.util.List;

import ai.ag2.tracing.annotation.Agent;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Component;

/**
 * An agent on Spring AI: a {@code ChatClient} built from Spring AI's auto-configured builder, with
 * a tool. Nothing here is about tracing but {@code @Agent}: Spring AI's own observations become
 * the turn's {@code chat} and {@code execute_tool} spans.
 */
@Component
@Agent(name = "forecaster", description = "Answers weather questions through Spring AI")
public class Forecaster {

	private final ChatClient chatClient;

	public Forecaster(ChatClient.Builder chatClient, ForecastTools tools) {
		this.chatClient = chatClient.defaultSystem("You are a concise weather assistant.").defaultTools(tools).build();
	}

	public String reply(String question) {
		return this.chatClient.prompt().user(question).call().content();
	}

	public String replyStreamed(String question) {
		List<String> chunks = this.chatClient.prompt().user(question).stream().content().collectList().block();
		return (chunks != null) ? String.join("", chunks) : "";
	}

}
