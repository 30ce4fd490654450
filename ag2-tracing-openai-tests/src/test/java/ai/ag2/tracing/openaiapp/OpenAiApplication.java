package ai.ag2.tracing.openaiapp;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The application a user writes: an {@link OpenAIClient} on the SDK's default OkHttp transport,
 * an {@link LlmClient} bean that calls it, an agent that asks it and a conversation that asks the
 * agent.
 */
@SpringBootApplication
class OpenAiApplication {

	@Bean
	OpenAIClient openAiClient(@Value("${app.openai.base-url}") String baseUrl,
			@Value("${app.openai.api-key}") String apiKey) {
		return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).build();
	}

	@Component
	static class OpenAiChat {

		private final OpenAIClient client;

		OpenAiChat(OpenAIClient client) {
			this.client = client;
		}

		@LlmClient(provider = "openai")
		public ChatCompletion complete(ChatCompletionCreateParams params) {
			return this.client.chat().completions().create(params);
		}

		@LlmClient(provider = "openai")
		public StreamResponse<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
			return this.client.chat().completions().createStreaming(params);
		}

		@LlmClient(provider = "openai")
		public ChatCompletion completeStreamed(ChatCompletionCreateParams params) {
			ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
			try (StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params)) {
				stream.stream().forEach(accumulator::accumulate);
			}
			return accumulator.chatCompletion();
		}

	}

	@Component
	@Agent(name = "assistant", description = "Answers questions through the OpenAI Java SDK")
	static class Assistant {

		private final OpenAiChat chat;

		Assistant(OpenAiChat chat) {
			this.chat = chat;
		}

		public String reply(String question) {
			return text(this.chat.complete(params(question).build()));
		}

		public String replyStreamed(String question) {
			ChatCompletionStreamOptions usage = ChatCompletionStreamOptions.builder().includeUsage(true).build();
			return text(this.chat.completeStreamed(params(question).streamOptions(usage).build()));
		}

		private static ChatCompletionCreateParams.Builder params(String question) {
			return ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage(question);
		}

		private static String text(ChatCompletion completion) {
			return completion.choices().get(0).message().content().orElse("");
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
