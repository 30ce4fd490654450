package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.a2aapp.WeatherAgentCaller.RemoteWeatherAgent;
import ai.ag2.tracing.test.SpanTree;
import io.a2a.spec.Task;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The A2A trace with Micrometer's HTTP observations off: {@code a2a-execution} is the server's
 * SERVER span, the direct child of the caller's remote agent span.
 */
class A2aWithoutHttpObservationsTests {

	private static final String TREE = """
			invoke_agent weather_agent [CLIENT] a2a-caller
			  a2a-execution [SERVER] a2a-weather
			    conversation weather_agent [INTERNAL] a2a-weather
			      invoke_agent weather_agent [INTERNAL] a2a-weather
			        chat gpt-4o-mini [CLIENT] a2a-weather
			""";

	private static RunningApp server;

	private static RunningApp caller;

	@BeforeAll
	static void start() {
		server = RunningApp.start(A2aTracingTests.SERVER, WebApplicationType.SERVLET, WeatherAgentServer.class,
				RunningApp.WITHOUT_HTTP_OBSERVATIONS);
		caller = RunningApp.start(A2aTracingTests.CALLER, WebApplicationType.NONE, WeatherAgentCaller.class,
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
	}

	@Test
	void messageSendContinuesTheCallersTraceInTheServersA2aExecutionSpan() throws Exception {
		Task task = caller.bean(RemoteWeatherAgent.class).ask("What is the weather in Paris?");

		assertTrace(task, "message/send");
	}

	@Test
	void messageStreamContinuesTheCallersTraceInTheServersA2aExecutionSpan() throws Exception {
		Task task = caller.bean(RemoteWeatherAgent.class).askStreaming("What is the weather in Paris?")
			.get(10, TimeUnit.SECONDS);

		assertTrace(task, "message/stream");
	}

	private static void assertTrace(Task task, String method) {
		List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(5), server, caller);
		assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo(TREE);
		SpanData remote = A2aTracingTests.assertOneTrace(spans);
		SpanData execution = SpanTree.of(spans).span("a2a-execution");
		assertThat(execution.getParentSpanId()).isEqualTo(remote.getSpanId());
		assertThat(execution.getParentSpanContext().isRemote()).isTrue();
		A2aTracingTests.assertA2aExecution(execution, SpanKind.SERVER, method,
				remote.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID));
		assertThat(server.bean(A2aController.class).received()).singleElement()
			.satisfies((headers) -> assertThat(headers.get("traceparent")).hasSize(1));
		assertThat(remote.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo(task.getContextId());
	}

}
