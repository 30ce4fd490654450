package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import ai.ag2.tracing.a2a.Ag2A2aClientInterceptor;
import ai.ag2.tracing.a2aapp.WeatherAgentCaller.RemoteWeatherAgent;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.WeatherAgentExecutor;
import ai.ag2.tracing.test.SpanTree;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.TaskEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfigBuilder;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed propagation headers reaching an A2A server through the SDK's client: the
 * inbound policy of the servlet stack holds for A2A requests as for any other (a fresh trace for
 * an invalid or repeated {@code traceparent}, only the accepted baggage keys), and a traced caller
 * sends one {@code traceparent} whatever its {@code ClientCallContext} held. The server accepts the
 * baggage key {@code user.id} only.
 */
class A2aHostileHeadersTests {

	private static final String FOREIGN_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static RunningApp server;

	private static RunningApp caller;

	@BeforeAll
	static void start() {
		server = RunningApp.start(A2aTracingTests.SERVER, WebApplicationType.SERVLET, WeatherAgentServer.class,
				"ag2.tracing.propagation.server.baggage.accepted-keys=user.id");
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
		server.bean(WeatherAgentExecutor.class).reset();
	}

	@Test
	void anInvalidTraceparentFromAnUntracedCallerStartsAFreshTrace() throws Exception {
		Task task = sendUntraced(Map.of("traceparent", "00-" + FOREIGN_TRACE_ID + "-b7ad6b7169203331-zz"));

		assertThat(task.getStatus().state()).isEqualTo(TaskState.COMPLETED);
		assertFreshTraceOnTheServer(1);
	}

	@Test
	void aTraceparentOnTwoLinesStartsAFreshTrace() throws Exception {
		Task task = sendUntraced(Map.of("traceparent", "00-" + FOREIGN_TRACE_ID + "-b7ad6b7169203331-01",
				"Traceparent", "00-" + FOREIGN_TRACE_ID + "-00f067aa0ba902b7-01"));

		assertThat(task.getStatus().state()).isEqualTo(TaskState.COMPLETED);
		assertFreshTraceOnTheServer(2);
	}

	@Test
	void aTracedCallerSendsItsOwnTraceparentOnceWhateverItsCallContextHeld() throws Exception {
		ClientCallContext planted = new ClientCallContext(Map.of(),
				Map.of("Traceparent", "00-" + FOREIGN_TRACE_ID + "-b7ad6b7169203331-01", "TRACESTATE", "vendor=planted"));

		Task task = caller.bean(RemoteWeatherAgent.class).ask("What is the weather in Rome?", planted);

		assertThat(task.getStatus().state()).isEqualTo(TaskState.COMPLETED);
		List<SpanData> spans = RunningApp.awaitSpans(RunningApp.atLeast(6), server, caller);
		SpanData remote = A2aTracingTests.assertOneTrace(spans);
		assertThat(remote.getTraceId()).isNotEqualTo(FOREIGN_TRACE_ID);
		Map<String, List<String>> received = server.bean(A2aController.class).received().get(0);
		assertThat(received.get("traceparent")).containsExactly(
				"00-" + remote.getTraceId() + "-" + remote.getSpanId() + "-" + remote.getSpanContext().getTraceFlags().asHex());
		assertThat(received.get("tracestate")).isEmpty();
	}

	@Test
	void theServerKeepsOnlyTheAcceptedKeysOfATracedCallersBaggage() throws Exception {
		Baggage baggage = Baggage.builder().put("user.id", "42").put("role", "admin").build();
		try (Scope ignored = baggage.makeCurrent()) {
			caller.bean(RemoteWeatherAgent.class).ask("What is the weather in Rome?");
		}

		assertThat(server.bean(A2aController.class).received().get(0).get("baggage")).singleElement()
			.satisfies((header) -> assertThat(header).contains("role=admin").contains("user.id=42"));
		assertThat(server.bean(WeatherAgentExecutor.class).baggage()).isEqualTo(Map.of("user.id", "42"));
	}

	@Test
	void baggagePlantedByAnUntracedCallerKeepsOnlyTheAcceptedKeys() throws Exception {
		sendUntraced(Map.of("baggage", "role=admin,user.id=7"));

		assertThat(server.bean(WeatherAgentExecutor.class).baggage()).isEqualTo(Map.of("user.id", "7"));
	}

	/** {@code message/send} from outside any trace, with {@code headers} in the call context. */
	private static Task sendUntraced(Map<String, String> headers) throws Exception {
		Client client = Client.builder(A2A.getAgentCard(server.url()))
			.clientConfig(new ClientConfig.Builder().setStreaming(false).build())
			.withTransport(JSONRPCTransport.class,
					new JSONRPCTransportConfigBuilder().addInterceptor(caller.bean(Ag2A2aClientInterceptor.class)))
			.build();
		server.resetSpans();
		AtomicReference<Task> answer = new AtomicReference<>();
		client.sendMessage(A2A.toUserMessage("What is the weather in Rome?"), List.of((event, card) -> {
			if (event instanceof TaskEvent taskEvent) {
				answer.set(taskEvent.getTask());
			}
		}), (error) -> {
		}, new ClientCallContext(Map.of(), headers));
		return answer.get();
	}

	/** The server's spans are one trace of their own, under no parent; the request had {@code lines} traceparent lines. */
	private static void assertFreshTraceOnTheServer(int lines) {
		List<SpanData> all = RunningApp.awaitSpans(RunningApp.atLeast(5), server);
		// the agent card's GET, just before, may end after the reset: its trace is not this one
		String postTrace = all.stream()
			.filter((span) -> span.getName().equals("http post /"))
			.map(SpanData::getTraceId)
			.findFirst()
			.orElseThrow(() -> new AssertionError(SpanTree.of(all).renderWithServices()));
		List<SpanData> spans = all.stream().filter((span) -> span.getTraceId().equals(postTrace)).toList();
		assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
				http post / [SERVER] a2a-weather
				  a2a-execution [INTERNAL] a2a-weather
				    conversation weather_agent [INTERNAL] a2a-weather
				      invoke_agent weather_agent [INTERNAL] a2a-weather
				        chat gpt-4o-mini [CLIENT] a2a-weather
				""");
		SpanData root = SpanTree.of(spans).span("http post /");
		assertThat(root.getParentSpanContext().isValid()).isFalse();
		assertThat(root.getTraceId()).isNotEqualTo(FOREIGN_TRACE_ID);
		assertThat(spans).extracting(SpanData::getTraceId).containsOnly(root.getTraceId());
		assertThat(server.bean(A2aController.class).received()).singleElement()
			.satisfies((headers) -> assertThat(headers.get("traceparent")).hasSize(lines));
	}

}
