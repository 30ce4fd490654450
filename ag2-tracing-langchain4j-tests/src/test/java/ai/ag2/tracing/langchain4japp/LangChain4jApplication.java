package ai.ag2.tracing.langchain4japp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.langchain4j.Ag2LangChain4j;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The application a user writes: OpenAI chat models built with LangChain4j's builders in
 * {@code @Bean} methods (with ag2's HTTP client, for the trace on the wire), AI services built
 * with {@link AiServices} by hand, a tool bean whose method carries LangChain4j's {@code @Tool}
 * and ag2's, agents that ask the services and conversations that ask the agents.
 */
@SpringBootApplication
class LangChain4jApplication {

	static final String SYSTEM_PROMPT = "You answer questions about the weather.";

	@Bean
	OpenAiChatModel openAiChatModel(Ag2LangChain4j ag2, @Value("${app.openai.base-url}") String baseUrl) {
		return OpenAiChatModel.builder()
			.baseUrl(baseUrl)
			.apiKey("test-key")
			.modelName("gpt-4o-mini")
			.temperature(0.2)
			.maxTokens(200)
			.maxRetries(0)
			.httpClientBuilder(ag2.httpClientBuilder())
			.build();
	}

	@Bean
	OpenAiStreamingChatModel openAiStreamingChatModel(Ag2LangChain4j ag2,
			@Value("${app.openai.base-url}") String baseUrl) {
		return OpenAiStreamingChatModel.builder()
			.baseUrl(baseUrl)
			.apiKey("test-key")
			.modelName("gpt-4o-mini")
			.temperature(0.2)
			.httpClientBuilder(ag2.httpClientBuilder())
			.build();
	}

	/** Tools through ag2: each execution is an {@code execute_tool} span. */
	@Bean
	Assistant assistant(OpenAiChatModel openAiChatModel, WeatherTools weatherTools, Ag2LangChain4j ag2) {
		return AiServices.builder(Assistant.class).chatModel(openAiChatModel).tools(ag2.tools(weatherTools)).build();
	}

	@Bean
	StreamingAssistant streamingAssistant(OpenAiStreamingChatModel openAiStreamingChatModel, WeatherTools weatherTools,
			Ag2LangChain4j ag2) {
		return AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(openAiStreamingChatModel)
			.tools(ag2.tools(weatherTools))
			.build();
	}

	/** The bean as LangChain4j's documentation passes it: AiServices must find the tool beside ag2's @Tool. */
	@Bean
	PlainAssistant plainAssistant(OpenAiChatModel openAiChatModel, WeatherTools weatherTools) {
		return AiServices.builder(PlainAssistant.class).chatModel(openAiChatModel).tools(weatherTools).build();
	}

	@Bean
	AlertAssistant alertAssistant(OpenAiChatModel openAiChatModel, AlertTools alertTools, Ag2LangChain4j ag2) {
		return AiServices.builder(AlertAssistant.class).chatModel(openAiChatModel).tools(ag2.tools(alertTools)).build();
	}

	/** Two tools at once, run on an executor that carries the caller's trace context. */
	@Bean(destroyMethod = "shutdown")
	ExecutorService toolExecutor() {
		return Ag2ContextPropagation.wrap(Executors.newFixedThreadPool(2));
	}

	@Bean
	ParallelAssistant parallelAssistant(OpenAiChatModel openAiChatModel, WeatherTools weatherTools,
			CityTools cityTools, ExecutorService toolExecutor, Ag2LangChain4j ag2) {
		return AiServices.builder(ParallelAssistant.class)
			.chatModel(openAiChatModel)
			.tools(ag2.tools(weatherTools, cityTools))
			.executeToolsConcurrently(toolExecutor)
			.build();
	}

	interface ParallelAssistant {

		String chat(String question);

	}

	interface Assistant {

		@dev.langchain4j.service.SystemMessage(SYSTEM_PROMPT)
		String chat(String question);

	}

	interface StreamingAssistant {

		@dev.langchain4j.service.SystemMessage(SYSTEM_PROMPT)
		TokenStream chat(String question);

	}

	interface PlainAssistant {

		String chat(String question);

	}

	interface AlertAssistant {

		String chat(String question);

	}

	@Component
	static class WeatherTools {

		@Tool(name = "get_weather", value = "Current weather of a city")
		@ai.ag2.tracing.annotation.Tool(description = "Looks the weather up in the weather service")
		public String getWeather(@P("the city") String city) {
			return "sunny, 21 degrees in " + city;
		}

	}

	@Component
	static class CityTools {

		@Tool(name = "get_population", value = "Population of a city")
		public long getPopulation(@P("the city") String city) {
			return 2_100_000L;
		}

	}

	@Component
	static class AlertTools {

		@Tool(name = "get_alerts", value = "Weather alerts of a city")
		public String getAlerts(@P("the city") String city) {
			throw new IllegalStateException("The alert service is down");
		}

	}

	@Component
	@Agent(name = "weather_agent", description = "Answers weather questions with LangChain4j")
	static class WeatherAgent {

		private final Assistant assistant;

		private final StreamingAssistant streamingAssistant;

		private final PlainAssistant plainAssistant;

		private final AlertAssistant alertAssistant;

		private final ParallelAssistant parallelAssistant;

		WeatherAgent(Assistant assistant, StreamingAssistant streamingAssistant, PlainAssistant plainAssistant,
				AlertAssistant alertAssistant, ParallelAssistant parallelAssistant) {
			this.assistant = assistant;
			this.streamingAssistant = streamingAssistant;
			this.plainAssistant = plainAssistant;
			this.alertAssistant = alertAssistant;
			this.parallelAssistant = parallelAssistant;
		}

		public String askWithToolsAtOnce(String question) {
			return this.parallelAssistant.chat(question);
		}

		public String ask(String question) {
			return this.assistant.chat(question);
		}

		public String askStreamed(String question) {
			CompletableFuture<ChatResponse> done = new CompletableFuture<>();
			this.streamingAssistant.chat(question)
				.onPartialResponse((partial) -> {
				})
				.onCompleteResponse(done::complete)
				.onError(done::completeExceptionally)
				.start();
			return done.orTimeout(10, TimeUnit.SECONDS).join().aiMessage().text();
		}

		/** The stream itself: the agent's span ends when the stream does. */
		public TokenStream stream(String question) {
			return this.streamingAssistant.chat(question);
		}

		public String askPlain(String question) {
			return this.plainAssistant.chat(question);
		}

		public String askAlerts(String question) {
			return this.alertAssistant.chat(question);
		}

	}

	/** Calls the model bean directly, injected as the class the @Bean method returns. */
	@Component
	@Agent(name = "raw_agent")
	static class RawAgent {

		private final OpenAiChatModel model;

		RawAgent(OpenAiChatModel model) {
			this.model = model;
		}

		public String chatText(String question) {
			return this.model.chat(question);
		}

		public ChatResponse chatRequest(String question) {
			ChatRequestParameters parameters = OpenAiChatRequestParameters.builder()
				.temperature(0.7)
				.topP(0.9)
				.maxOutputTokens(50)
				.stopSequences(List.of("END"))
				.seed(42)
				.build();
			return this.model.chat(ChatRequest.builder()
				.messages(SystemMessage.from("Be brief."), UserMessage.from(question))
				.parameters(parameters)
				.build());
		}

	}

	/**
	 * A model of the user's own under ag2's {@code @LlmClient}: LangChain4j's default
	 * {@code chat(String)} runs, the class only implements {@code doChat}.
	 */
	@Component
	@LlmClient(provider = "acme")
	static class AcmeChatModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest chatRequest) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from("acme says hi"))
				.metadata(ChatResponseMetadata.builder()
					.id("acme-1")
					.modelName("acme-large-2")
					.tokenUsage(new TokenUsage(3, 4))
					.finishReason(FinishReason.STOP)
					.build())
				.build();
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return DefaultChatRequestParameters.builder().modelName("acme-large").build();
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OTHER;
		}

	}

	@Component
	static class Chats {

		private final WeatherAgent weatherAgent;

		private final RawAgent rawAgent;

		Chats(WeatherAgent weatherAgent, RawAgent rawAgent) {
			this.weatherAgent = weatherAgent;
			this.rawAgent = rawAgent;
		}

		@Conversation(agent = "user_proxy")
		public String ask(String question) {
			return this.weatherAgent.ask(question);
		}

		@Conversation(agent = "user_proxy")
		public String askStreamed(String question) {
			return this.weatherAgent.askStreamed(question);
		}

		@Conversation(agent = "user_proxy")
		public String askThroughTheStream(String question) {
			CompletableFuture<ChatResponse> done = new CompletableFuture<>();
			this.weatherAgent.stream(question)
				.onCompleteResponse(done::complete)
				.onError(done::completeExceptionally)
				.start();
			return done.orTimeout(10, TimeUnit.SECONDS).join().aiMessage().text();
		}

		@Conversation(agent = "user_proxy")
		public String askPlain(String question) {
			return this.weatherAgent.askPlain(question);
		}

		@Conversation(agent = "user_proxy")
		public String askWithToolsAtOnce(String question) {
			return this.weatherAgent.askWithToolsAtOnce(question);
		}

		@Conversation(agent = "user_proxy")
		public String askAlerts(String question) {
			return this.weatherAgent.askAlerts(question);
		}

		@Conversation(agent = "user_proxy")
		public String chatText(String question) {
			return this.rawAgent.chatText(question);
		}

		@Conversation(agent = "user_proxy")
		public ChatResponse chatRequest(String question) {
			return this.rawAgent.chatRequest(question);
		}

	}

}
