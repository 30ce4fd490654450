package ai.ag2.tracing.aop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What users' odd code and odd environments must never do to a traced call: change its result,
 * replace its exception, fail start-up, or leak content into non-content attributes.
 */
class InstrumentationRobustnessTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(RobustnessConfiguration.class);

	@Test
	void nullFinishReasonSetThroughTheHandleIsDroppedAndTheCallGoesOn() {
		this.runner.run((context) -> {
			assertThat(context.getBean(GapLlm.class).chat("hi")).isEqualTo("filtered");
			SpanData chat = TracingContextRunners.awaitSpans(context, 1).span("chat m");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS))
				.containsExactly("content_filter");
		});
	}

	@Test
	void genAiContentVariableInOtherInstrumentationsModesNeverFailsStartup() {
		this.runner.withPropertyValues("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=SPAN_ONLY")
			.run((context) -> assertThat(context.getBean(Ag2Instrumentation.class).contentCapture().isEnabled())
				.isTrue());
		this.runner.withPropertyValues("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=NO_CONTENT")
			.run((context) -> assertThat(context.getBean(Ag2Instrumentation.class).contentCapture().isEnabled())
				.isFalse());
		this.runner.withPropertyValues("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=maybe")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aSpanProcessorThatThrowsOnEndNeverReachesTheCaller() {
		AtomicInteger ended = new AtomicInteger();
		SpanProcessor throwing = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
			}

			@Override
			public boolean isStartRequired() {
				return false;
			}

			@Override
			public void onEnd(ReadableSpan span) {
				ended.incrementAndGet();
				throw new IllegalStateException("exporter bug");
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}

		};
		this.runner
			.withBean("userOpenTelemetry", OpenTelemetry.class,
					() -> OpenTelemetrySdk.builder()
						.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(throwing).build())
						.build())
			.run((context) -> {
				Tools tools = context.getBean(Tools.class);
				assertThat(tools.echo("ok")).isEqualTo("ok");
				assertThatThrownBy(() -> tools.fail()).isSameAs(Tools.FAILURE);
				assertThat(ended).hasValue(2);
			});
	}

	@Test
	void agentsThatCompareEqualKeepTheirOwnBeanNames() {
		this.runner.run((context) -> {
			context.getBean("assistant", SameAgent.class).turn();
			context.getBean("critic", SameAgent.class).turn();
			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			assertThat(tree.spans()).extracting(SpanData::getName)
				.containsExactlyInAnyOrder("invoke_agent assistant", "invoke_agent critic");
		});
	}

	@Test
	void speakerCandidatesComeFromTheParameterNamedForThemNotFromTheChatHistory() {
		this.runner.run((context) -> {
			Object selected = context.getBean(Selector.class)
				.select(List.of("secret message one", "secret message two"),
						List.of(context.getBean("assistant"), context.getBean("critic")));
			assertThat(selected).isSameAs(context.getBean("critic"));
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("speaker_selection");
			assertThat(span.getAttributes().asMap())
				.containsEntry(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES, List.of("assistant", "critic"))
				.containsEntry(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED, "critic");
		});
	}

	@Test
	void chatsWithoutANameAreCountedButTheirTextNeverBecomesARecipient() {
		this.runner.run((context) -> {
			context.getBean(Starter.class).start(List.of(new Chat("secret one"), new Chat("secret two")));
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("initiate_chats");
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_CHATS_COUNT)).isEqualTo(2L);
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_CHATS_RECIPIENTS)).isEmpty();
		});
	}

	@Test
	void anExtractorsMalformedMessageDoesNotCostTheConversationItsUsage() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			assertThat(context.getBean(Conversations.class).talk()).isEqualTo("done");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			assertThat(tree.span("conversation host").getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
				.isEqualTo(7L);
		});
	}

	@Test
	void exitCodeGivenAsTextByAnExpressionStillMarksTheSpan() {
		this.runner.run((context) -> {
			assertThat(context.getBean(Executor.class).run()).isEqualTo(Map.of("status", "1"));
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("execute_code executor");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE)).isEqualTo(1L);
		});
	}

	record Chat(String message) {
	}

	record Reply(String text) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RobustnessConfiguration {

		@Bean
		GapLlm gapLlm() {
			return new GapLlm();
		}

		@Bean
		Tools tools() {
			return new Tools();
		}

		@Bean
		SameAgent assistant() {
			return new SameAgent();
		}

		@Bean
		SameAgent critic() {
			return new SameAgent();
		}

		@Bean
		Selector selector() {
			return new Selector();
		}

		@Bean
		Starter starter() {
			return new Starter();
		}

		@Bean
		LlmCallExtractor malformedMessages() {
			return new LlmCallExtractor() {
				@Override
				public boolean extractResponse(Object result, LlmCallDetails details) {
					if (!(result instanceof Reply)) {
						return false;
					}
					details.setInputTokens(7L)
						.setOutputMessages(List.of(new GenAiMessage(null, List.of(GenAiMessage.Part.text("x")), null)));
					return true;
				}
			};
		}

		@Bean
		ReplyLlm replyLlm() {
			return new ReplyLlm();
		}

		@Bean
		Conversations conversations(ReplyLlm llm) {
			return new Conversations(llm);
		}

		@Bean
		Executor executor() {
			return new Executor();
		}

	}

	static class GapLlm {

		@LlmClient(model = "m")
		public String chat(String prompt) {
			Ag2Span.current().setFinishReasons(null, "content_filter");
			return "filtered";
		}

	}

	static class Tools {

		static final IllegalArgumentException FAILURE = new IllegalArgumentException("bad input");

		@Tool
		public String echo(String text) {
			return text;
		}

		@Tool
		public String fail() {
			throw FAILURE;
		}

	}

	/** Every instance equals every other, like a Lombok {@code @Data} class with no state yet. */
	@Agent
	static class SameAgent {

		public String turn() {
			return "ok";
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SameAgent;
		}

		@Override
		public int hashCode() {
			return 1;
		}

	}

	static class Selector {

		@SpeakerSelection
		public Object select(List<String> history, List<Object> agents) {
			return agents.get(1);
		}

	}

	static class Starter {

		@MultiConversation
		public int start(List<Chat> chats) {
			return chats.size();
		}

	}

	static class ReplyLlm {

		@LlmClient(model = "m")
		public Reply chat(String prompt) {
			return new Reply("r");
		}

	}

	static class Conversations {

		private final ReplyLlm llm;

		Conversations(ReplyLlm llm) {
			this.llm = llm;
		}

		@Conversation(agent = "host")
		public String talk() {
			this.llm.chat("hi");
			return "done";
		}

	}

	@Agent(name = "executor")
	static class Executor {

		@CodeExecution(exitCode = "#{#result['status']}")
		public Map<String, String> run() {
			return Map.of("status", "1");
		}

	}

}
