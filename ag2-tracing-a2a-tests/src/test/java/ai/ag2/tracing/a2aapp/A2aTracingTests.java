package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.a2aapp.WeatherAgentCaller.RemoteWeatherAgent;
import ai.ag2.tracing.a2aapp.WeatherAgentCaller.StreamEvent;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.ScriptedLlm;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.WeatherAgentExecutor;
import ai.ag2.tracing.test.SpanTree;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote agent on the A2A SDK's client calls an agent hosted with the SDK's JSON-RPC server in a
 * Spring MVC application: two Spring Boot applications in one JVM, each with its own port and
 * {@code service.name}, over loopback, with the starter's default stack (Micrometer's HTTP server
 * observation on). Content capture is off.
 */
class A2aTracingTests {

	static final String SERVER = "a2a-weather";

	static final String CALLER = "a2a-caller";

	static final String QUESTION = "What is the weather in Paris?";

	private static RunningApp server;

	private static RunningApp caller;

	@BeforeAll
	static void start() {
		server = RunningApp.start(SERVER, WebApplicationType.SERVLET, WeatherAgentServer.class);
		caller = RunningApp.start(CALLER, WebApplicationType.NONE, WeatherAgentCaller.class,
				"weather-agent.url=" + server.url());
	}

	@AfterAll
	static void stop() {
		caller.close();
		server.close();
	}

	@BeforeEach
	void forgetEarlierCalls() {
		server.resetSpans();
		caller.resetSpans();
		server.bean(A2aController.class).reset();
		server.bean(WeatherAgentExecutor.class).reset();
	}

	@Test
	void messageSendIsOneTraceFromTheRemoteAgentToTheServersModelCall() throws Exception {
		Task task = caller.bean(RemoteWeatherAgent.class).ask(QUESTION);

		assertThat(task.getStatus().state()).isEqualTo(TaskState.COMPLETED);
		assertThat(((TextPart) task.getArtifacts().get(0).parts().get(0)).getText()).isEqualTo(ScriptedLlm.ANSWER);
		List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller);
		assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
				invoke_agent weather_agent [CLIENT] a2a-caller
				  http post / [SERVER] a2a-weather
				    a2a-execution [INTERNAL] a2a-weather
				      conversation weather_agent [INTERNAL] a2a-weather
				        invoke_agent weather_agent [INTERNAL] a2a-weather
				          chat gpt-4o-mini [CLIENT] a2a-weather
				""");
		SpanData remote = assertOneTrace(spans);
		assertRemoteAgentSpan(remote, task, "message/send");
		assertA2aExecution(SpanTree.of(spans).span("a2a-execution"), SpanKind.INTERNAL, "message/send",
				remote.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID));
		assertServerAgentSpans(spans, task);
		assertOneTraceparentWithParent(remote);
	}

	@Test
	void messageStreamEndsTheRemoteAgentSpanAtTheFinalStatusUpdateAndItsConsumerRunsUnderIt() throws Exception {
		RemoteWeatherAgent agent = caller.bean(RemoteWeatherAgent.class);
		agent.getStreamEvents().clear();

		Task task = agent.askStreaming(QUESTION).get(10, TimeUnit.SECONDS);

		assertThat(task.getStatus().state()).isEqualTo(TaskState.COMPLETED);
		List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller);
		assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
				invoke_agent weather_agent [CLIENT] a2a-caller
				  http post / [SERVER] a2a-weather
				    a2a-execution [INTERNAL] a2a-weather
				      conversation weather_agent [INTERNAL] a2a-weather
				        invoke_agent weather_agent [INTERNAL] a2a-weather
				          chat gpt-4o-mini [CLIENT] a2a-weather
				""");
		SpanData remote = assertOneTrace(spans);
		assertRemoteAgentSpan(remote, task, "message/stream");
		assertA2aExecution(SpanTree.of(spans).span("a2a-execution"), SpanKind.INTERNAL, "message/stream",
				remote.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID));
		assertServerAgentSpans(spans, task);
		assertOneTraceparentWithParent(remote);

		// submitted, working, the artifact, completed: each one on an HTTP client thread, under the open span
		List<StreamEvent> events = agent.getStreamEvents();
		assertThat(events).hasSizeGreaterThanOrEqualTo(3);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.thread()).isNotEqualTo(Thread.currentThread().getName());
			assertThat(event.currentSpanId()).isEqualTo(remote.getSpanId());
			assertThat(event.currentSpanEnded()).isFalse();
		});
		StreamEvent last = events.get(events.size() - 1);
		assertThat(last.finalUpdate()).isTrue();
		assertThat(events.subList(0, events.size() - 1)).noneMatch(StreamEvent::finalUpdate);
		Long remoteEnd = caller.bean(OperationEnds.class).endOf(remote.getSpanId());
		assertThat(remoteEnd).isNotNull().isGreaterThanOrEqualTo(last.nanoTime());
	}

	@Test
	void aCanceledTaskEndsTheServersConversationWithStateCanceled() throws Exception {
		RemoteWeatherAgent agent = caller.bean(RemoteWeatherAgent.class);
		WeatherAgentExecutor executor = server.bean(WeatherAgentExecutor.class);

		Task submitted = agent.askWithoutWaiting("Tell me slowly about the weather in Oslo");
		assertThat(executor.awaitWorking()).isTrue();
		Task canceled = agent.cancel(submitted.getId());

		assertThat(canceled.getStatus().state()).isEqualTo(TaskState.CANCELED);
		List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(9), server, caller);
		SpanData conversation = SpanTree.of(spans).span("conversation weather_agent", SERVER);
		assertThat(conversation.hasEnded()).isTrue();
		assertThat(conversation.getAttributes().asMap())
			.containsEntry(Ag2Attributes.A2A_TASK_STATE, Ag2Attributes.A2A_TASK_STATE_CANCELED)
			.containsEntry(Ag2Attributes.A2A_TASK_ID, submitted.getId())
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, submitted.getContextId());
		// the turn was still running when the cancel ended the conversation: it ends with execute
		SpanData turn = SpanTree.of(spans).span("invoke_agent weather_agent", SERVER);
		assertThat(turn.getParentSpanId()).isEqualTo(conversation.getSpanId());
		assertThat(SpanTree.of(spans).children(turn)).isEmpty();

		List<SpanData> remoteCalls = spans.stream()
			.filter((span) -> span.getName().equals("invoke_agent weather_agent") && CALLER.equals(SpanTree.service(span)))
			.sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
			.toList();
		assertThat(remoteCalls).hasSize(2);
		assertThat(remoteCalls.get(0).getAttributes().asMap()).containsEntry(Ag2Attributes.A2A_METHOD_NAME, "message/send")
			.containsEntry(Ag2Attributes.A2A_TASK_ID, submitted.getId());
		assertThat(remoteCalls.get(0).getAttributes().get(Ag2Attributes.A2A_TASK_STATE)).isIn("submitted", "working");
		assertThat(remoteCalls.get(1).getAttributes().asMap()).containsEntry(Ag2Attributes.A2A_METHOD_NAME, "tasks/cancel")
			.containsEntry(Ag2Attributes.A2A_TASK_ID, submitted.getId())
			.containsEntry(Ag2Attributes.A2A_TASK_STATE, "canceled");
		// the conversation belongs to the trace of the call that started the task
		assertThat(conversation.getTraceId()).isEqualTo(remoteCalls.get(0).getTraceId());
		SpanData cancelExecution = spans.stream()
			.filter((span) -> span.getName().equals("a2a-execution")
					&& "tasks/cancel".equals(span.getAttributes().get(Ag2Attributes.A2A_METHOD_NAME)))
			.findFirst()
			.orElseThrow();
		assertThat(cancelExecution.getTraceId()).isEqualTo(remoteCalls.get(1).getTraceId());
	}

	static SpanData assertOneTrace(List<SpanData> spans) {
		SpanData remote = SpanTree.of(spans).span("invoke_agent weather_agent", CALLER);
		assertThat(remote.getParentSpanContext().isValid()).isFalse();
		assertThat(spans).extracting(SpanData::getTraceId).containsOnly(remote.getTraceId());
		assertThat(spans).filteredOn((span) -> span != remote).allSatisfy((span) -> assertThat(SpanTree.service(span))
			.as(span.getName())
			.isEqualTo(SERVER));
		return remote;
	}

	static void assertRemoteAgentSpan(SpanData remote, Task task, String method) {
		assertThat(remote.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(remote.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "invoke_agent")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "weather_agent")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_REMOTE, true)
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) server.port())
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, task.getContextId())
			.containsEntry(Ag2Attributes.A2A_METHOD_NAME, method)
			.containsEntry(Ag2Attributes.A2A_TASK_ID, task.getId())
			.containsEntry(Ag2Attributes.A2A_TASK_STATE, "completed")
			.doesNotContainKeys(Ag2Attributes.CONTENT_KEYS.toArray(AttributeKey[]::new));
		assertThat(remote.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID)).isNotBlank();
	}

	static void assertA2aExecution(SpanData execution, SpanKind kind, String method, String requestId) {
		assertThat(execution.getKind()).isEqualTo(kind);
		assertThat(execution.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "a2a_execution")
			.containsEntry(HttpAttributes.HTTP_REQUEST_METHOD, "POST")
			.containsEntry(UrlAttributes.URL_PATH, "/")
			.containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L)
			.containsEntry(Ag2Attributes.A2A_METHOD_NAME, method)
			.containsEntry(Ag2Attributes.JSONRPC_REQUEST_ID, requestId);
	}

	static void assertServerAgentSpans(List<SpanData> spans, Task task) {
		SpanData conversation = SpanTree.of(spans).span("conversation weather_agent", SERVER);
		SpanData turn = SpanTree.of(spans).span("invoke_agent weather_agent", SERVER);
		SpanData chat = SpanTree.of(spans).span("chat gpt-4o-mini", SERVER);
		for (SpanData span : List.of(conversation, turn, chat)) {
			assertThat(span.getAttributes().asMap()).as(span.getName())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, task.getContextId())
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, WeatherAgentServer.AGENT_NAME)
				.doesNotContainKeys(Ag2Attributes.CONTENT_KEYS.toArray(AttributeKey[]::new));
		}
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "conversation")
			.containsEntry(Ag2Attributes.A2A_TASK_ID, task.getId())
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 12L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 5L)
			.doesNotContainKey(Ag2Attributes.A2A_TASK_STATE);
		assertThat(turn.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "invoke_agent")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, "Answers questions about the weather")
			.doesNotContainKey(Ag2Attributes.GEN_AI_AGENT_REMOTE);
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai");
	}

	/** The server got one {@code traceparent} line, naming the remote agent's span as its parent. */
	static void assertOneTraceparentWithParent(SpanData remote) {
		List<Map<String, List<String>>> received = server.bean(A2aController.class).received();
		assertThat(received).hasSize(1);
		assertThat(received.get(0).get("traceparent")).singleElement()
			.satisfies((traceparent) -> assertThat(traceparent).startsWith("00-" + remote.getTraceId() + "-"
					+ remote.getSpanId() + "-"));
		assertThat(received.get(0).get("tracestate")).isEmpty();
	}

}
