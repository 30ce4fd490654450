package ai.ag2.tracing.springaiapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The application a user writes: an agent that answers through Spring AI's {@link ChatClient}
 * (built from the OpenAI starter's auto-configured builder) with a Spring AI tool that ag2 traces
 * too, a model client that ag2 traces as one LLM call, and the conversations that ask them.
 */
@SpringBootApplication
public class SpringAiApplication {

	static final String SYSTEM_PROMPT = "You answer questions about the weather.";

	/** A tool for Spring AI that ag2 traces as well: both annotations on one method. */
	@Component
	public static class WeatherTools {

		@Tool(name = "get_weather", description = "Current weather of a city")
		@ai.ag2.tracing.annotation.Tool(name = "get_weather", description = "Current weather of a city")
		public String getWeather(String city) {
			return "Sunny, 21 C in " + city;
		}

	}

	@Component
	@Agent(name = "assistant", description = "Answers questions through Spring AI")
	public static class Assistant {

		private final ChatClient chatClient;

		private final ModelClient modelClient;

		Assistant(ChatClient.Builder chatClient, WeatherTools tools, ModelClient modelClient) {
			this.chatClient = chatClient.defaultSystem(SYSTEM_PROMPT).defaultTools(tools).build();
			this.modelClient = modelClient;
		}

		public String reply(String question) {
			return this.chatClient.prompt().user(question).call().content();
		}

		public String replyStreamed(String question) {
			return String.join("", this.chatClient.prompt().user(question).stream().content().collectList().block());
		}

		public String replyThroughModelClient(String question) {
			return this.modelClient.answer(question);
		}

	}

	/** ag2's LLM span around Spring AI's model calls (a tool loop: two of them). */
	@Component
	public static class ModelClient {

		private final ChatClient chatClient;

		ModelClient(ChatClient.Builder chatClient, WeatherTools tools) {
			this.chatClient = chatClient.defaultTools(tools).build();
		}

		@LlmClient(provider = "openai", model = "gpt-4o-mini")
		public String answer(String question) {
			return this.chatClient.prompt().user(question).call().content();
		}

	}

	@Component
	public static class Chats {

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

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String askThroughModelClient(String question) {
			return this.assistant.replyThroughModelClient(question);
		}

	}

	/** Records the operations ag2 tells its listeners about (metrics is such a listener). */
	@Component
	public static class RecordingListener implements Ag2OperationListener {

		private final List<Ag2Operation> ended = new CopyOnWriteArrayList<>();

		@Override
		public void onEnd(Ag2Operation operation) {
			this.ended.add(operation);
		}

		List<Ag2Operation> ended() {
			return List.copyOf(this.ended);
		}

		void reset() {
			this.ended.clear();
		}

	}

}
