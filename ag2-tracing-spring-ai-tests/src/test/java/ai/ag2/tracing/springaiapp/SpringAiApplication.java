package ai.ag2.tracing.springaiapp;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The application a user writes: an agent that answers through Spring AI's {@link ChatClient}
 * (built from the OpenAI starter's auto-configured model), and a conversation that asks it.
 */
@SpringBootApplication
class SpringAiApplication {

	@Component
	@Agent(name = "assistant", description = "Answers questions through Spring AI")
	static class Assistant {

		private final ChatClient chatClient;

		Assistant(ChatClient.Builder chatClient) {
			this.chatClient = chatClient.build();
		}

		public String reply(String question) {
			return this.chatClient.prompt().user(question).call().content();
		}

		public String replyStreamed(String question) {
			return String.join("", this.chatClient.prompt().user(question).stream().content().collectList().block());
		}

	}

	@Component
	static class Chats {

		private final Assistant assistant;

		Chats(Assistant assistant) {
			this.assistant = assistant;
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String ask(String question) {
			return this.assistant.reply(question);
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String askStreamed(String question) {
			return this.assistant.replyStreamed(question);
		}

	}

}
