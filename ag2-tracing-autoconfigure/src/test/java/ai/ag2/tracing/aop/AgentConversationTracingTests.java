package ai.ag2.tracing.aop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AG2 span tree of a two-agent chat with a tool call, as a user sees it through Spring Boot's
 * OpenTelemetry stack.
 */
class AgentConversationTracingTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(ChatConfiguration.class);

	@Test
	void twoAgentChatWithToolCallMakesTheAg2Tree() {
		this.runner.run((context) -> {
			String reply = context.getBean(Chat.class).initiateChat("What is the weather in Paris?");
			assertThat(reply).isEqualTo("It is sunny in Paris.");

			SpanTree tree = TracingContextRunners.awaitSpans(context, 7);
			assertThat(tree.render()).isEqualTo("""
					conversation user_proxy [INTERNAL]
					  invoke_agent assistant [INTERNAL]
					    chat gpt-4o-mini [CLIENT]
					    execute_tool get_weather [INTERNAL]
					  invoke_agent user_proxy [INTERNAL]
					  invoke_agent assistant [INTERNAL]
					    chat gpt-4o-mini [CLIENT]
					""");

			SpanData conversation = tree.span("conversation user_proxy");
			String conversationId = conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
			assertThat(conversationId).isEqualTo("chat-42");
			assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "conversation")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "user_proxy")
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, 3L)
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 3L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 82L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 44L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_COST, 0.002);
			assertThat(conversation.getInstrumentationScopeInfo().getName()).isEqualTo("ai.ag2.tracing");
			assertThat(conversation.getInstrumentationScopeInfo().getVersion()).isEqualTo("0.1.0-SNAPSHOT");

			for (SpanData span : tree.spans()) {
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).as(span.getName())
					.isEqualTo(conversationId);
				assertThat(span.getTraceId()).isEqualTo(conversation.getTraceId());
			}

			SpanData assistantTurn = tree.all("invoke_agent assistant").get(0);
			assertThat(assistantTurn.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "invoke_agent")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, "Answers questions, calls tools")
				.doesNotContainKey(Ag2Attributes.GEN_AI_AGENT_REMOTE);

			SpanData chat = tree.all("chat gpt-4o-mini").get(0);
			assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "chat")
				.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
				.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 41L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 22L)
				.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_COST, 0.001);

			SpanData tool = tree.span("execute_tool get_weather");
			assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "tool")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_TYPE, "function")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "Current weather of a city")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, "call_1")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant");

			SpanData userProxyTurn = tree.span("invoke_agent user_proxy");
			assertThat(userProxyTurn.getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME)).isEqualTo("user_proxy");
		});
	}

	@Test
	void contentIsNotCapturedByDefault() {
		this.runner.run((context) -> {
			context.getBean(Chat.class).initiateChat("What is the weather in Paris?");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 7);
			for (SpanData span : tree.spans()) {
				for (AttributeKey<?> key : Ag2Attributes.CONTENT_KEYS) {
					assertThat(span.getAttributes().get(key)).as("%s on %s", key, span.getName()).isNull();
				}
			}
		});
	}

	@Test
	void capturedToolContentIsArgumentsByNameWithoutTheCallIdParameterAndTheResult() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			context.getBean(Chat.class).initiateChat("What is the weather in Paris?");
			SpanData tool = TracingContextRunners.awaitSpans(context, 7).span("execute_tool get_weather");
			assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS))
				.isEqualTo("{\"city\":\"Paris\"}");
			assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ID)).isEqualTo("call_1");
			assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).isEqualTo("sunny, 21°C");
		});
	}

	@Test
	void contentCaptureIsAlsoTurnedOnByTheOpenTelemetryGenAiVariable() {
		this.runner.withPropertyValues("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true").run((context) -> {
			context.getBean(Chat.class).initiateChat("What is the weather in Paris?");
			SpanData tool = TracingContextRunners.awaitSpans(context, 7).span("execute_tool get_weather");
			assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).isEqualTo("sunny, 21°C");
		});
	}

	@Test
	void toolFailureMarksSpanErrorAndRethrowsTheSameException() {
		this.runner.run((context) -> {
			WeatherTools tools = context.getBean(WeatherTools.class);
			assertThatThrownBy(() -> tools.forecast("Atlantis")).isSameAs(WeatherTools.UNKNOWN_CITY);

			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("execute_tool forecast");
			assertError(span, IllegalArgumentException.class, "unknown city");
		});
	}

	@Test
	void llmFailureMarksSpanErrorAndRethrowsTheSameException() {
		this.runner.run((context) -> {
			ScriptedLlm llm = context.getBean(ScriptedLlm.class);
			assertThatThrownBy(() -> llm.overloaded("hello")).isSameAs(ScriptedLlm.OVERLOADED);

			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("chat gpt-4o-mini");
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertError(span, IllegalStateException.class, "model overloaded");
		});
	}

	@Test
	void asyncAgentSpanEndsWhenTheFutureCompletes() {
		this.runner.run((context) -> {
			AsyncAgent agent = context.getBean(AsyncAgent.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = agent.think(pending);
			assertThat(returned).isNotDone();
			assertThat(TracingContextRunners.finishedSpans(context)).isEmpty();

			pending.complete("done");
			assertThat(returned.join()).isEqualTo("done");
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("invoke_agent async_thinker");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void callerCompletingTheReturnedFutureCompletesTheMethodsOwnFutureAndEndsTheSpan() {
		this.runner.run((context) -> {
			AsyncAgent agent = context.getBean(AsyncAgent.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = agent.think(pending);

			returned.completeOnTimeout("no answer", 1, TimeUnit.MILLISECONDS);
			assertThat(pending).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("no answer");
			assertThat(returned.join()).isEqualTo("no answer");
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("invoke_agent async_thinker");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void callerFailingTheReturnedFutureFailsTheMethodsOwnFutureWithTheSameException() {
		this.runner.run((context) -> {
			AsyncAgent agent = context.getBean(AsyncAgent.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = agent.think(pending);
			IllegalStateException failure = new IllegalStateException("caller gave up");

			returned.completeExceptionally(failure);
			assertThat(pending).isCompletedExceptionally();
			assertThatThrownBy(pending::join).hasCause(failure);
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("invoke_agent async_thinker");
			assertError(span, IllegalStateException.class, "caller gave up");
		});
	}

	@Test
	void asyncAgentFailingLaterMarksSpanError() {
		this.runner.run((context) -> {
			AsyncAgent agent = context.getBean(AsyncAgent.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			agent.think(pending);
			IllegalStateException failure = new IllegalStateException("gave up");
			pending.completeExceptionally(failure);

			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("invoke_agent async_thinker");
			assertError(span, IllegalStateException.class, "gave up");
		});
	}

	@Test
	void parallelToolCallsNestUnderTheirTurn() {
		this.runner.run((context) -> {
			List<String> results = context.getBean(ParallelAgent.class).fanOut(List.of("Paris", "Oslo", "Lima"));
			assertThat(results).containsExactly("sunny, 21°C", "sunny, 21°C", "sunny, 21°C");

			SpanTree tree = TracingContextRunners.awaitSpans(context, 4);
			SpanData turn = tree.span("invoke_agent parallel_agent");
			List<SpanData> tools = tree.all("execute_tool get_weather");
			assertThat(tools).hasSize(3)
				.allSatisfy((tool) -> assertThat(tool.getParentSpanId()).isEqualTo(turn.getSpanId()))
				.allSatisfy((tool) -> assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME))
					.isEqualTo("parallel_agent"));
			assertThat(tools).extracting((tool) -> tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ID))
				.containsExactlyInAnyOrder("Paris", "Oslo", "Lima");
		});
	}

	@Test
	void methodLevelAnnotationWinsOverTypeLevelAgent() {
		this.runner.run((context) -> {
			context.getBean(Chat.class).initiateChat("hi");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 7);
			assertThat(tree.all("invoke_agent chat")).isEmpty();
			assertThat(tree.span("conversation user_proxy").getParentSpanContext().isValid()).isFalse();
		});
	}

	@Test
	void disabledTracingLeavesBeansUnproxied() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Chat.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(ScriptedLlm.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(WeatherTools.class))).isFalse();
			assertThat(context.getBean(Chat.class).initiateChat("hi")).isEqualTo("It is sunny in Paris.");
			assertThat(TracingContextRunners.finishedSpans(context)).isEmpty();
		});
	}

	static void assertError(SpanData span, Class<? extends Throwable> type, String message) {
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getStatus().getDescription()).isEqualTo(message);
		assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo(type.getName());
		assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
		assertThat(span.getEvents().get(0).getAttributes().asMap())
			.containsEntry(AttributeKey.stringKey("exception.type"), type.getName())
			.containsEntry(AttributeKey.stringKey("exception.message"), message);
	}

	@Configuration(proxyBeanMethods = false)
	static class ChatConfiguration {

		@Bean
		ScriptedLlm scriptedLlm() {
			return new ScriptedLlm();
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		Assistant assistant(ScriptedLlm llm, WeatherTools tools) {
			return new Assistant(llm, tools);
		}

		@Bean(name = "user_proxy")
		UserProxy userProxy() {
			return new UserProxy();
		}

		@Bean
		Chat chat(Assistant assistant, UserProxy userProxy) {
			return new Chat(assistant, userProxy);
		}

		@Bean
		AsyncAgent asyncAgent() {
			return new AsyncAgent();
		}

		@Bean
		ParallelAgent parallelAgent(WeatherTools tools) {
			return new ParallelAgent(tools);
		}

	}

	@LlmClient(provider = "OpenAI", model = "gpt-4o-mini")
	static class ScriptedLlm {

		static final IllegalStateException OVERLOADED = new IllegalStateException("model overloaded");

		public String chat(String prompt) {
			Ag2Span.current().setUsage(41, 22).setFinishReasons("stop").setCost(0.001);
			return prompt.contains("weather") ? "get_weather(Paris)" : "It is sunny in Paris.";
		}

		@LlmClient(provider = "openai", model = "gpt-4o-mini")
		public String overloaded(String prompt) {
			throw OVERLOADED;
		}

	}

	static class WeatherTools {

		static final IllegalArgumentException UNKNOWN_CITY = new IllegalArgumentException("unknown city");

		@Tool(name = "get_weather", description = "Current weather of a city")
		public String getWeather(String city, String toolCallId) {
			return "sunny, 21°C";
		}

		@Tool
		public String forecast(String city) {
			throw UNKNOWN_CITY;
		}

	}

	@Agent(name = "assistant", description = "Answers questions, calls tools")
	static class Assistant {

		private final ScriptedLlm llm;

		private final WeatherTools tools;

		Assistant(ScriptedLlm llm, WeatherTools tools) {
			this.llm = llm;
			this.tools = tools;
		}

		public String reply(String message) {
			String answer = this.llm.chat(message);
			if (answer.startsWith("get_weather")) {
				this.tools.getWeather("Paris", "call_1");
			}
			return answer;
		}

	}

	@Agent
	static class UserProxy {

		public String reply(String message) {
			return "Thanks. And tomorrow?";
		}

	}

	@Agent(name = "chat")
	static class Chat {

		private final Assistant assistant;

		private final UserProxy userProxy;

		Chat(Assistant assistant, UserProxy userProxy) {
			this.assistant = assistant;
			this.userProxy = userProxy;
		}

		@Conversation(agent = "user_proxy", id = "chat-#{40 + 2}", maxTurns = "3")
		public String initiateChat(String message) {
			this.assistant.reply(message);
			String followUp = this.userProxy.reply("sunny");
			this.assistant.reply(followUp);
			return "It is sunny in Paris.";
		}

	}

	@Agent(name = "async_thinker")
	static class AsyncAgent {

		public CompletableFuture<String> think(CompletableFuture<String> pending) {
			return pending;
		}

	}

	@Agent(name = "parallel_agent")
	static class ParallelAgent {

		private final WeatherTools tools;

		ParallelAgent(WeatherTools tools) {
			this.tools = tools;
		}

		public List<String> fanOut(List<String> cities) throws Exception {
			ExecutorService pool = Ag2ContextPropagation.wrap(Executors.newFixedThreadPool(3));
			try {
				List<CompletableFuture<String>> calls = cities.stream()
					.map((city) -> CompletableFuture.supplyAsync(() -> this.tools.getWeather(city, city), pool))
					.toList();
				return calls.stream().map(CompletableFuture::join).toList();
			}
			finally {
				pool.shutdown();
				pool.awaitTermination(5, TimeUnit.SECONDS);
			}
		}

	}


}
