package ai.ag2.tracing.aop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AG2's group chat, several chats at once, human input and code execution, as whole span trees.
 */
class GroupChatAndOtherSpanTypesTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(AgentsConfiguration.class);

	@Test
	void groupChatRecordsSpeakerSelectionsAndTurns() {
		this.runner.run((context) -> {
			GroupChatManager manager = context.getBean(GroupChatManager.class);
			String transcript = manager.run("Write about tracing",
					List.of(context.getBean("researcher"), context.getBean("writer")));
			assertThat(transcript).isEqualTo("researcher: notes on tracing | writer: an article on tracing");

			SpanTree tree = TracingContextRunners.awaitSpans(context, 11);
			assertThat(tree.render()).isEqualTo("""
					conversation chat_manager [INTERNAL]
					  speaker_selection [INTERNAL]
					    invoke_agent speaker_selector [INTERNAL]
					      chat gpt-4o-mini [CLIENT]
					  invoke_agent researcher [INTERNAL]
					    chat gpt-4o-mini [CLIENT]
					  speaker_selection [INTERNAL]
					    invoke_agent speaker_selector [INTERNAL]
					      chat gpt-4o-mini [CLIENT]
					  invoke_agent writer [INTERNAL]
					    chat gpt-4o-mini [CLIENT]
					""");

			SpanData conversation = tree.span("conversation chat_manager");
			assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "chat_manager")
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 2L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 40L)
				.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 20L);

			List<SpanData> selections = tree.all("speaker_selection");
			assertThat(selections).hasSize(2).allSatisfy((selection) -> {
				assertThat(selection.getParentSpanId()).isEqualTo(conversation.getSpanId());
				assertThat(selection.getAttributes().asMap())
					.containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "speaker_selection")
					.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "speaker_selection")
					.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "chat_manager")
					.containsEntry(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES, List.of("researcher", "writer"));
			});
			assertThat(selections).extracting(
					(selection) -> selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED))
				.containsExactly("researcher", "writer");

			for (SpanData selectorChat : tree.all("chat gpt-4o-mini")) {
				assertThat(selectorChat.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
					.isEqualTo(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID));
			}
			assertThat(tree.children(tree.all("invoke_agent speaker_selector").get(0))).singleElement()
				.satisfies((chat) -> assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME))
					.isEqualTo("speaker_selector"));
		});
	}

	@Test
	void sequentialChatsNestUnderInitiateChats() {
		this.runner.run((context) -> {
			List<String> replies = context.getBean(ChatStarter.class).sequential(chats(context));
			assertThat(replies).containsExactly("researcher: notes on a", "writer: an article on b",
					"critic: a review of c");
			assertInitiateChatsTree(TracingContextRunners.awaitSpans(context, 7), "sequential");
		});
	}

	@Test
	void parallelChatsOnOtherThreadsStillNestUnderInitiateChats() {
		this.runner.run((context) -> {
			List<String> replies = context.getBean(ChatStarter.class).parallel(chats(context));
			assertThat(replies).containsExactly("researcher: notes on a", "writer: an article on b",
					"critic: a review of c");
			assertInitiateChatsTree(TracingContextRunners.awaitSpans(context, 7), "parallel");
		});
	}

	private static List<ChatSpec> chats(org.springframework.context.ApplicationContext context) {
		return List.of(new ChatSpec(context.getBean("researcher"), "a"), new ChatSpec(context.getBean("writer"), "b"),
				new ChatSpec(context.getBean("critic"), "c"));
	}

	private static void assertInitiateChatsTree(SpanTree tree, String mode) {
		SpanData initiate = tree.span("initiate_chats");
		assertThat(initiate.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "multi_conversation")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "initiate_chats")
			.containsEntry(Ag2Attributes.AG2_CHATS_COUNT, 3L)
			.containsEntry(Ag2Attributes.AG2_CHATS_MODE, mode)
			.containsEntry(Ag2Attributes.AG2_CHATS_RECIPIENTS, List.of("researcher", "writer", "critic"));
		List<SpanData> conversations = tree.children(initiate);
		assertThat(conversations).hasSize(3)
			.allSatisfy((conversation) -> assertThat(conversation.getName()).isEqualTo("conversation user_proxy"));
		assertThat(conversations).extracting((conversation) -> conversation.getAttributes()
			.get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).doesNotHaveDuplicates();
		List<String> turns = conversations.stream()
			.map((conversation) -> {
				List<SpanData> children = tree.children(conversation);
				assertThat(children).hasSize(1);
				assertThat(children.get(0).getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
					.isEqualTo(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID));
				assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_TURNS)).isEqualTo(1L);
				return children.get(0).getName();
			})
			.toList();
		assertThat(turns).containsExactlyInAnyOrder("invoke_agent researcher", "invoke_agent writer",
				"invoke_agent critic");
	}

	@Test
	void humanInputRecordsNoContentByDefault() {
		this.runner.run((context) -> {
			assertThat(context.getBean(UserProxyAgent.class).ask("Approve the plan?")).isEqualTo("approve");
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("await_human_input user_proxy");
			assertThat(span.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "human_input")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "await_human_input")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "user_proxy")
				.doesNotContainKeys(Ag2Attributes.AG2_HUMAN_INPUT_PROMPT, Ag2Attributes.AG2_HUMAN_INPUT_RESPONSE);
		});
	}

	@Test
	void humanInputRecordsPromptAndResponseWhenContentIsCaptured() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			context.getBean(UserProxyAgent.class).ask("Approve the plan?");
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("await_human_input user_proxy");
			assertThat(span.getAttributes().asMap())
				.containsEntry(Ag2Attributes.AG2_HUMAN_INPUT_PROMPT, "Approve the plan?")
				.containsEntry(Ag2Attributes.AG2_HUMAN_INPUT_RESPONSE, "approve");
		});
	}

	@Test
	void successfulCodeExecutionRecordsExitCodeZero() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			ExecutionResult result = context.getBean(CodeExecutor.class).run("print('hi')");
			assertThat(result).isEqualTo(new ExecutionResult(0, "hi\n"));
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("execute_code executor");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(span.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "code_execution")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_code")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "executor")
				.containsEntry(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE, 0L)
				.containsEntry(Ag2Attributes.AG2_CODE_EXECUTION_OUTPUT, "hi\n")
				.doesNotContainKey(ErrorAttributes.ERROR_TYPE);
		});
	}

	@Test
	void nonZeroExitCodeMarksSpanErrorAndReturnsTheResultUnchanged() {
		this.runner.run((context) -> {
			CodeExecutor executor = context.getBean(CodeExecutor.class);
			ExecutionResult result = executor.run("exit(1)");
			assertThat(result).isSameAs(CodeExecutor.FAILED);
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("execute_code executor");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE, 1L)
				.containsEntry(ErrorAttributes.ERROR_TYPE, "CodeExecutionError")
				.doesNotContainKey(Ag2Attributes.AG2_CODE_EXECUTION_OUTPUT);
		});
	}

	@Test
	void longCodeOutputIsCutAtTheMaximumContentLength() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			ExecutionResult result = context.getBean(CodeExecutor.class).run("print('x' * 10000)");
			assertThat(result.output()).hasSize(10_000);
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("execute_code executor");
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_CODE_EXECUTION_OUTPUT))
				.isEqualTo("x".repeat(4096) + "...(truncated)");
		});
	}

	@Test
	void exitCodeSetThroughTheHandleWinsAndMarksTheSpan() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			assertThat(context.getBean(CodeExecutor.class).shell("false")).isEqualTo("permission denied");
			SpanData span = TracingContextRunners.awaitSpans(context, 1).span("execute_code executor");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE)).isEqualTo(1L);
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_CODE_EXECUTION_OUTPUT)).isEqualTo("permission denied");
		});
	}

	record ChatSpec(Object recipient, String message) {
	}

	record ExecutionResult(int exitCode, String output) {
	}

	@Configuration(proxyBeanMethods = false)
	static class AgentsConfiguration {

		@Bean
		ScriptedLlm scriptedLlm() {
			return new ScriptedLlm();
		}

		@Bean
		Member researcher(ScriptedLlm llm) {
			return new Member(llm, "notes on");
		}

		@Bean
		Member writer(ScriptedLlm llm) {
			return new Member(llm, "an article on");
		}

		@Bean
		Member critic(ScriptedLlm llm) {
			return new Member(llm, "a review of");
		}

		@Bean
		SelectorAgent selectorAgent(ScriptedLlm llm) {
			return new SelectorAgent(llm);
		}

		@Bean
		SpeakerSelector speakerSelector(SelectorAgent agent) {
			return new SpeakerSelector(agent);
		}

		@Bean
		GroupChatManager groupChatManager(SpeakerSelector selector) {
			return new GroupChatManager(selector);
		}

		@Bean
		Conversations conversations() {
			return new Conversations();
		}

		@Bean
		ChatStarter chatStarter(Conversations conversations) {
			return new ChatStarter(conversations);
		}

		@Bean
		UserProxyAgent userProxyAgent() {
			return new UserProxyAgent();
		}

		@Bean
		CodeExecutor codeExecutor() {
			return new CodeExecutor();
		}

	}

	static class ScriptedLlm {

		@LlmClient(provider = "openai", model = "gpt-4o-mini")
		public String complete(String prompt) {
			Ag2Span.current().setUsage(10, 5);
			return prompt;
		}

	}

	/** A group member; its agent name is its bean name. */
	@Agent
	static class Member {

		private final ScriptedLlm llm;

		private final String style;

		Member(ScriptedLlm llm, String style) {
			this.llm = llm;
			this.style = style;
		}

		public String speak(String topic) {
			return this.llm.complete(this.style + " " + topic);
		}

	}

	@Agent(name = "speaker_selector")
	static class SelectorAgent {

		private final ScriptedLlm llm;

		SelectorAgent(ScriptedLlm llm) {
			this.llm = llm;
		}

		public int choose(int round) {
			this.llm.complete("who speaks in round " + round + "?");
			return round;
		}

	}

	static class SpeakerSelector {

		private final SelectorAgent agent;

		SpeakerSelector(SelectorAgent agent) {
			this.agent = agent;
		}

		@SpeakerSelection
		public Object select(List<Object> candidates, int round) {
			return candidates.get(this.agent.choose(round));
		}

	}

	@Agent(name = "chat_manager")
	static class GroupChatManager {

		private final SpeakerSelector selector;

		GroupChatManager(SpeakerSelector selector) {
			this.selector = selector;
		}

		@Conversation
		public String run(String task, List<Object> agents) {
			StringBuilder transcript = new StringBuilder();
			for (int round = 0; round < agents.size(); round++) {
				Member speaker = (Member) this.selector.select(agents, round);
				String name = (round == 0) ? "researcher" : "writer";
				transcript.append((round > 0) ? " | " : "").append(name).append(": ").append(speaker.speak("tracing"));
			}
			return transcript.toString();
		}

	}

	static class Conversations {

		@Conversation(agent = "user_proxy")
		public String chat(ChatSpec spec) {
			Member recipient = (Member) spec.recipient();
			return recipient.speak(spec.message());
		}

	}

	static class ChatStarter {

		private final Conversations conversations;

		ChatStarter(Conversations conversations) {
			this.conversations = conversations;
		}

		@MultiConversation
		public List<String> sequential(List<ChatSpec> chats) {
			return chats.stream().map((chat) -> name(chat) + ": " + this.conversations.chat(chat)).toList();
		}

		@MultiConversation(mode = MultiConversation.Mode.PARALLEL)
		public List<String> parallel(List<ChatSpec> chats) throws InterruptedException {
			ExecutorService pool = Ag2ContextPropagation.wrap(Executors.newFixedThreadPool(3));
			try {
				List<CompletableFuture<String>> running = chats.stream()
					.map((chat) -> CompletableFuture.supplyAsync(() -> name(chat) + ": " + this.conversations.chat(chat),
							pool))
					.toList();
				return running.stream().map(CompletableFuture::join).toList();
			}
			finally {
				pool.shutdown();
				pool.awaitTermination(5, TimeUnit.SECONDS);
			}
		}

		private static String name(ChatSpec chat) {
			String text = chat.message();
			return switch (text) {
				case "a" -> "researcher";
				case "b" -> "writer";
				default -> "critic";
			};
		}

	}

	@Agent(name = "user_proxy")
	static class UserProxyAgent {

		@HumanInput
		public String ask(String prompt) {
			return "approve";
		}

	}

	@Agent(name = "executor")
	static class CodeExecutor {

		static final ExecutionResult FAILED = new ExecutionResult(1, "Traceback: SystemExit(1)");

		@CodeExecution
		public ExecutionResult run(String code) {
			if (code.startsWith("exit")) {
				return FAILED;
			}
			if (code.contains("10000")) {
				return new ExecutionResult(0, "x".repeat(10_000));
			}
			return new ExecutionResult(0, "hi\n");
		}

		@CodeExecution
		public String shell(String command) {
			Ag2Span.current().setExitCode(1);
			return "permission denied";
		}

	}

}
