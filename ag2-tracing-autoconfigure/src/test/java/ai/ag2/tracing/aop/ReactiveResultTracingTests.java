package ai.ag2.tracing.aop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Methods that return a Reactor {@code Mono}/{@code Flux} (or a {@code Publisher}) or a
 * {@code CompletionStage}: the span ends when the result completes, fails or is cancelled, the
 * work done at subscription nests under it, and a streamed LLM call sums what its chunks bring.
 */
class ReactiveResultTracingTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(ReactiveConfiguration.class);

	@Test
	void monoEndsItsSpanWhenItCompletesNotWhenTheMethodReturns() {
		this.runner.run((context) -> {
			Mono<String> result = context.getBean(SlowTools.class).slow("x");
			assertThat(TracingContextRunners.finishedSpans(context)).isEmpty();
			assertThat(result.block(Duration.ofSeconds(5))).isEqualTo("slow x");
			SpanData tool = TracingContextRunners.awaitSpans(context, 1).span("execute_tool slow");
			assertThat(tool.getEndEpochNanos() - tool.getStartEpochNanos())
				.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void monoErrorMarksTheSpanErrorAndReachesTheSubscriberUnchanged() {
		this.runner.run((context) -> {
			IllegalStateException failure = new IllegalStateException("tool broke");
			StepVerifier.create(context.getBean(SlowTools.class).failing(failure))
				.expectErrorSatisfies((error) -> assertThat(error).isSameAs(failure))
				.verify(Duration.ofSeconds(5));
			SpanData tool = TracingContextRunners.awaitSpans(context, 1).span("execute_tool failing");
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(tool.getAttributes().get(io.opentelemetry.semconv.ErrorAttributes.ERROR_TYPE))
				.isEqualTo(IllegalStateException.class.getName());
			assertThat(tool.getEvents()).extracting("name").containsExactly("exception");
		});
	}

	@AfterEach
	void disableReactorContextPropagation() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void workDoneAtSubscriptionNestsUnderTheSpan() {
		this.runner.run((context) -> {
			assertThat(context.getBean(Planner.class).plan("trip", false).block(Duration.ofSeconds(5)))
				.isEqualTo("plan for trip: slow trip");
			assertThat(TracingContextRunners.awaitSpans(context, 2).render()).isEqualTo("""
					invoke_agent planner [INTERNAL]
					  execute_tool slow [INTERNAL]
					""");
		});
	}

	@Test
	void withReactorContextPropagationWorkOnAnotherSchedulerNestsUnderTheSpanToo() {
		this.runner.withConfiguration(AutoConfigurations.of(ReactorAutoConfiguration.class))
			.withPropertyValues("spring.reactor.context-propagation=auto")
			.run((context) -> {
				assertThat(context.getBean(Planner.class).plan("trip", true).block(Duration.ofSeconds(5)))
					.isEqualTo("plan for trip: slow trip");
				SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
				assertThat(tree.render()).isEqualTo("""
						invoke_agent planner [INTERNAL]
						  execute_tool slow [INTERNAL]
						""");
				assertThat(tree.span("execute_tool slow").getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME))
					.isEqualTo("planner");
			});
	}

	@Test
	void cancellingTheSubscriptionEndsTheSpan() {
		this.runner.run((context) -> {
			List<Long> first = context.getBean(SlowTools.class).ticks().take(2).collectList().block(Duration.ofSeconds(5));
			assertThat(first).containsExactly(0L, 1L);
			SpanData tool = TracingContextRunners.awaitSpans(context, 1).span("execute_tool ticks");
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void aStreamedLlmCallEndsAtTheLastChunkWithUsageFinishReasonsAndTimeToFirstChunk() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			List<Map<String, Object>> chunks = context.getBean(StreamingModel.class)
				.stream(Map.of("model", "gpt-4o-mini", "messages", List.of(Map.of("role", "user", "content", "hi"))))
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(chunks).hasSize(4);
			SpanData chat = TracingContextRunners.awaitSpans(context, 1).span("chat gpt-4o-mini");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_STREAM)).isTrue();
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK))
				.isNotNull()
				.isGreaterThanOrEqualTo(0.04);
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_ID)).isEqualTo("chatcmpl-9");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(9L);
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(3L);
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES)).isEqualTo(
					"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello there!\"}],"
							+ "\"finish_reason\":\"stop\"}]");
			assertThat(chat.getEndEpochNanos() - chat.getStartEpochNanos())
				.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
		});
	}

	@Test
	void aFluxDeclaredAsAPublisherIsTracedToo() {
		this.runner.run((context) -> {
			List<Object> values = Flux.from(context.getBean(SlowTools.class).letters()).collectList().block();
			assertThat(values).containsExactly("a", "b");
			assertThat(TracingContextRunners.awaitSpans(context, 1).render()).isEqualTo("execute_tool letters [INTERNAL]\n");
		});
	}

	@Test
	void aCompletableFutureEndsItsSpanWhenItCompletesAndTheCallerSeesTheSameValue() {
		this.runner.run((context) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = context.getBean(SlowTools.class).later(pending);
			assertThat(TracingContextRunners.finishedSpans(context)).isEmpty();
			pending.complete("done");
			assertThat(returned.join()).isEqualTo("done");
			assertThat(TracingContextRunners.awaitSpans(context, 1).span("execute_tool later").getStatus().getStatusCode())
				.isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void aFailedFutureReachesTheCallerWithTheSameException() {
		this.runner.run((context) -> {
			IllegalStateException failure = new IllegalStateException("later broke");
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = context.getBean(SlowTools.class).later(pending);
			pending.completeExceptionally(failure);
			assertThat(returned.handle((value, error) -> error).join()).isSameAs(failure);
			assertThat(TracingContextRunners.awaitSpans(context, 1).span("execute_tool later").getStatus().getStatusCode())
				.isEqualTo(StatusCode.ERROR);
		});
	}

	@Test
	void cancellingTheReturnedFutureCancelsTheMethodsOwnAndEndsTheSpan() {
		this.runner.run((context) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = context.getBean(SlowTools.class).later(pending);
			assertThat(returned.cancel(true)).isTrue();
			assertThat(pending).isCancelled();
			assertThat(TracingContextRunners.awaitSpans(context, 1).spans()).hasSize(1);
		});
	}

	@Test
	void anAsynchronousLlmCallJoinedInsideAConversationAlwaysCountsIntoItsUsage() {
		this.runner.run((context) -> {
			AsyncChats chats = context.getBean(AsyncChats.class);
			int rounds = 20;
			for (int i = 0; i < rounds; i++) {
				assertThat(chats.chat("hi")).isEqualTo("ok");
			}
			List<SpanData> conversations = TracingContextRunners.awaitSpans(context, 2 * rounds).all("conversation user");
			assertThat(conversations).hasSize(rounds).allSatisfy((conversation) -> assertThat(
					conversation.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
				.as("input tokens of the conversation")
				.isEqualTo(12L));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveConfiguration {

		@Bean
		SlowTools slowTools() {
			return new SlowTools();
		}

		@Bean
		Planner planner(SlowTools slowTools) {
			return new Planner(slowTools);
		}

		@Bean
		StreamingModel streamingModel() {
			return new StreamingModel();
		}

		@Bean
		AsyncModel asyncModel() {
			return new AsyncModel();
		}

		@Bean
		AsyncChats asyncChats(AsyncModel asyncModel) {
			return new AsyncChats(asyncModel);
		}

	}

	static class SlowTools {

		@Tool
		public Mono<String> slow(String what) {
			return Mono.just("slow " + what).delayElement(Duration.ofMillis(300));
		}

		@Tool
		public Mono<String> failing(RuntimeException failure) {
			return Mono.<String>error(failure).delaySubscription(Duration.ofMillis(20));
		}

		@Tool
		public Flux<Long> ticks() {
			return Flux.interval(Duration.ofMillis(10));
		}

		@Tool
		public Publisher<Object> letters() {
			return Flux.just("a", "b");
		}

		@Tool
		public CompletableFuture<String> later(CompletableFuture<String> pending) {
			return pending;
		}

	}

	@Agent(name = "planner")
	static class Planner {

		private final SlowTools tools;

		Planner(SlowTools tools) {
			this.tools = tools;
		}

		// the tool is called when the Mono is subscribed, after the method returned (on a Reactor thread when asked)
		public Mono<String> plan(String goal, boolean elsewhere) {
			Mono<String> answer = Mono.defer(() -> this.tools.slow(goal));
			return (elsewhere ? answer.subscribeOn(Schedulers.boundedElastic()) : answer)
				.map((text) -> "plan for " + goal + ": " + text);
		}

	}

	static class StreamingModel {

		private final AtomicInteger calls = new AtomicInteger();

		@LlmClient(provider = "openai")
		public Flux<Map<String, Object>> stream(Map<String, Object> request) {
			this.calls.incrementAndGet();
			return Flux.just(chunk("Hel", null), chunk("lo there", null), chunk("!", "stop"),
					Map.<String, Object>of("id", "chatcmpl-9", "model", "gpt-4o-mini-2024-07-18", "choices", List.of(),
							"usage", Map.of("prompt_tokens", 9, "completion_tokens", 3)))
				.delayElements(Duration.ofMillis(40));
		}

		private static Map<String, Object> chunk(String text, String finishReason) {
			Map<String, Object> choice = new java.util.HashMap<>();
			choice.put("index", 0);
			choice.put("delta", Map.of("content", text));
			choice.put("finish_reason", finishReason);
			return Map.of("id", "chatcmpl-9", "model", "gpt-4o-mini-2024-07-18", "object", "chat.completion.chunk",
					"choices", List.of(choice));
		}

	}

	static class AsyncModel {

		@LlmClient(provider = "openai")
		public CompletableFuture<Map<String, Object>> chat(Map<String, Object> request) {
			return CompletableFuture.supplyAsync(() -> Map.of("id", "r-1", "model", "gpt-4o-mini", "choices",
					List.of(Map.of("finish_reason", "stop")), "usage", Map.of("prompt_tokens", 12, "completion_tokens", 3)));
		}

	}

	static class AsyncChats {

		private final AsyncModel model;

		AsyncChats(AsyncModel model) {
			this.model = model;
		}

		@ai.ag2.tracing.annotation.Conversation(agent = "user")
		public String chat(String message) {
			this.model.chat(Map.of("model", "gpt-4o-mini", "messages", List.of())).join();
			return "ok";
		}

	}

}
