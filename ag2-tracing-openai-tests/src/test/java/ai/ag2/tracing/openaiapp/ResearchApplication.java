package ai.ag2.tracing.openaiapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;

import org.springframework.stereotype.Component;

/**
 * What a user writes when the OpenAI SDK client bean is called directly, with no
 * {@code @LlmClient} method of their own: an agent whose turns call the SDK in every way it offers
 * (blocking, streamed, asynchronous, the Responses API, a tool loop), a tool, and conversations.
 */
final class ResearchApplication {

	static final String SYSTEM_PROMPT = "You answer in one sentence.";

	private ResearchApplication() {
	}

	@Component
	static class WeatherTools {

		@Tool(name = "get_weather", description = "Current weather of a city")
		public String getWeather(String city, String toolCallId) {
			return "Sunny in " + city;
		}

	}

	@Component
	@Agent(name = "researcher", description = "Calls the OpenAI SDK client directly")
	static class Researcher {

		private final OpenAIClient client;

		private final WeatherTools tools;

		Researcher(OpenAIClient client, WeatherTools tools) {
			this.client = client;
			this.tools = tools;
		}

		public String ask(String question) {
			return text(this.client.chat().completions().create(params(question).build()));
		}

		public String askStreamed(String question) {
			StringBuilder answer = new StringBuilder();
			try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
				.completions()
				.createStreaming(params(question).streamOptions(withUsage()).build())) {
				stream.stream()
					.forEach((chunk) -> chunk.choices()
						.forEach((choice) -> choice.delta().content().ifPresent(answer::append)));
			}
			return answer.toString();
		}

		public String askStreamedFirstChunkOnly(String question) {
			try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
				.completions()
				.createStreaming(params(question).streamOptions(withUsage()).build())) {
				return stream.stream().findFirst().map(ChatCompletionChunk::id).orElse("");
			}
		}

		public String askAsync(String question) {
			return text(this.client.async().chat().completions().create(params(question).build()).join());
		}

		public String askAsyncStreamed(String question) {
			StringBuilder answer = new StringBuilder();
			AsyncStreamResponse<ChatCompletionChunk> stream = this.client.async()
				.chat()
				.completions()
				.createStreaming(params(question).streamOptions(withUsage()).build());
			stream.subscribe((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent((text) -> {
				synchronized (answer) {
					answer.append(text);
				}
			})));
			stream.onCompleteFuture().join();
			synchronized (answer) {
				return answer.toString();
			}
		}

		public String askResponses(String question) {
			return this.client.responses()
				.create(ResponseCreateParams.builder()
					.model(ChatModel.GPT_4O_MINI)
					.instructions(SYSTEM_PROMPT)
					.input(question)
					.build())
				.output()
				.get(0)
				.asMessage()
				.content()
				.get(0)
				.asOutputText()
				.text();
		}

		public String askResponsesStreamed(String question) {
			AtomicReference<Response> completed = new AtomicReference<>();
			try (StreamResponse<ResponseStreamEvent> stream = this.client.responses()
				.createStreaming(ResponseCreateParams.builder().model(ChatModel.GPT_4O_MINI).input(question).build())) {
				stream.stream().forEach((event) -> event.completed().ifPresent((done) -> completed.set(done.response())));
			}
			return completed.get().output().get(0).asMessage().content().get(0).asOutputText().text();
		}

		public String askAsyncResponses(String question) {
			CompletableFuture<Response> response = this.client.async()
				.responses()
				.create(ResponseCreateParams.builder().model(ChatModel.GPT_4O_MINI).input(question).build());
			return response.join().id();
		}

		public String askRefused(String question) {
			return text(this.client.chat()
				.completions()
				.create(ChatCompletionCreateParams.builder()
					.model(FakeOpenAiEndpoint.FAILING_MODEL)
					.addUserMessage(question)
					.build()));
		}

		/** The SDK's tool loop, by hand: call, run the tools the model asks for, call again with their results. */
		public String askWithTools(String question) {
			ChatCompletionCreateParams.Builder params = params(question).addTool(weatherTool());
			ChatCompletion first = this.client.chat().completions().create(params.build());
			params.addMessage(first.choices().get(0).message());
			List<ChatCompletionMessageToolCall> calls = first.choices().get(0).message().toolCalls().orElse(new ArrayList<>());
			for (ChatCompletionMessageToolCall call : calls) {
				String city = call.asFunction().function().arguments(CityArguments.class).city();
				String result = this.tools.getWeather(city, call.asFunction().id());
				params.addMessage(ChatCompletionToolMessageParam.builder()
					.toolCallId(call.asFunction().id())
					.content(result)
					.build());
			}
			return text(this.client.chat().completions().create(params.build()));
		}

		private static ChatCompletionFunctionTool weatherTool() {
			return ChatCompletionFunctionTool.builder()
				.function(FunctionDefinition.builder()
					.name("get_weather")
					.description("Current weather of a city")
					.parameters(FunctionParameters.builder()
						.putAdditionalProperty("type", JsonValue.from("object"))
						.putAdditionalProperty("properties",
								JsonValue.from(java.util.Map.of("city", java.util.Map.of("type", "string"))))
						.build())
					.build())
				.build();
		}

		static ChatCompletionCreateParams.Builder params(String question) {
			return ChatCompletionCreateParams.builder()
				.model(ChatModel.GPT_4O_MINI)
				.addSystemMessage(SYSTEM_PROMPT)
				.addUserMessage(question)
				.temperature(0.2)
				.maxCompletionTokens(64L);
		}

		private static ChatCompletionStreamOptions withUsage() {
			return ChatCompletionStreamOptions.builder().includeUsage(true).build();
		}

		private static String text(ChatCompletion completion) {
			return completion.choices().get(0).message().content().orElse("");
		}

	}

	/** The arguments of the weather tool, as the SDK parses them. */
	record CityArguments(String city) {
	}

	@Component
	static class ResearchChats {

		private final Researcher researcher;

		ResearchChats(Researcher researcher) {
			this.researcher = researcher;
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String run(java.util.function.Function<Researcher, String> turn) {
			return turn.apply(this.researcher);
		}

	}

}
