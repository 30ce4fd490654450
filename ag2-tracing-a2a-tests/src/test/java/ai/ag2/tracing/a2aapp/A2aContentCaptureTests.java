package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.a2aapp.WeatherAgentCaller.RemoteWeatherAgent;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.ScriptedLlm;
import ai.ag2.tracing.test.SpanTree;
import io.a2a.spec.Task;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With content capture on in both services: the remote agent span carries the message sent and
 * the text of the agent's reply, the serving turn the message it received.
 */
class A2aContentCaptureTests {

	private static final String QUESTION = "What is the weather in Paris?";

	private static final String SENT = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + QUESTION
			+ "\"}]}]";

	private static final String ANSWERED = "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
			+ ScriptedLlm.ANSWER + "\"}],\"finish_reason\":\"stop\"}]";

	private static RunningApp server;

	private static RunningApp caller;

	@BeforeAll
	static void start() {
		server = RunningApp.start(A2aTracingTests.SERVER, WebApplicationType.SERVLET, WeatherAgentServer.class,
				"ag2.tracing.capture-content=true");
		caller = RunningApp.start(A2aTracingTests.CALLER, WebApplicationType.NONE, WeatherAgentCaller.class,
				"weather-agent.url=" + server.url(), "ag2.tracing.capture-content=true");
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
	}

	@Test
	void messageSendRecordsTheMessageSentAndTheTextOfTheTaskItGotBack() throws Exception {
		Task task = caller.bean(RemoteWeatherAgent.class).ask(QUESTION);

		assertThat(task).isNotNull();
		assertContent(RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller));
	}

	@Test
	void messageStreamRecordsTheTextOfTheTaskAtItsFinalStatusUpdate() throws Exception {
		caller.bean(RemoteWeatherAgent.class).askStreaming(QUESTION).get(10, TimeUnit.SECONDS);

		assertContent(RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller));
	}

	private static void assertContent(List<SpanData> spans) {
		SpanData remote = SpanTree.of(spans).span("invoke_agent weather_agent", A2aTracingTests.CALLER);
		assertThat(remote.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_INPUT_MESSAGES, SENT)
			.containsEntry(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, ANSWERED);
		SpanData turn = SpanTree.of(spans).span("invoke_agent weather_agent", A2aTracingTests.SERVER);
		assertThat(turn.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_INPUT_MESSAGES, SENT);
	}

}
