package ai.ag2.tracing.a2aapp;

import java.util.List;

import ai.ag2.tracing.a2aapp.WeatherAgentCaller.RemoteWeatherAgent;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An A2A server whose request handlers are not beans: its agent executor is still traced (it is a
 * bean), but the SDK runs it on a thread pool that has no context unless the application wraps it
 * with {@code Ag2ContextPropagation.wrap(…)}.
 */
class A2aHandlersNotBeansTests {

	@Test
	void withTheSdksThreadPoolWrappedTheExecutionContinuesTheCallersTrace() throws Exception {
		try (RunningApp server = RunningApp.start(A2aTracingTests.SERVER, WebApplicationType.SERVLET,
				InlineHandlerServer.class, "inline.wrap-executor=true");
				RunningApp caller = RunningApp.start(A2aTracingTests.CALLER, WebApplicationType.NONE,
						WeatherAgentCaller.class, "weather-agent.url=" + server.url())) {
			server.resetSpans();
			caller.resetSpans();

			caller.bean(RemoteWeatherAgent.class).ask("What is the weather in Paris?");

			List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller);
			assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
					invoke_agent weather_agent [CLIENT] a2a-caller
					  http post / [SERVER] a2a-weather
					    a2a-execution [INTERNAL] a2a-weather
					      conversation weather_agent [INTERNAL] a2a-weather
					        invoke_agent weather_agent [INTERNAL] a2a-weather
					          chat gpt-4o-mini [CLIENT] a2a-weather
					""");
			A2aTracingTests.assertOneTrace(spans);
		}
	}

	@Test
	void withoutTheWrapTheExecutionStartsATraceOfItsOwn() throws Exception {
		try (RunningApp server = RunningApp.start(A2aTracingTests.SERVER, WebApplicationType.SERVLET,
				InlineHandlerServer.class);
				RunningApp caller = RunningApp.start(A2aTracingTests.CALLER, WebApplicationType.NONE,
						WeatherAgentCaller.class, "weather-agent.url=" + server.url())) {
			server.resetSpans();
			caller.resetSpans();

			caller.bean(RemoteWeatherAgent.class).ask("What is the weather in Paris?");

			List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller);
			assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
					invoke_agent weather_agent [CLIENT] a2a-caller
					  http post / [SERVER] a2a-weather
					    a2a-execution [INTERNAL] a2a-weather
					conversation weather_agent [INTERNAL] a2a-weather
					  invoke_agent weather_agent [INTERNAL] a2a-weather
					    chat gpt-4o-mini [CLIENT] a2a-weather
					""");
		}
	}

}
