package ai.ag2.tracing.mcpapp;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Mcp;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.test.SpanTree;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agent calls the tools of an MCP server over streamable HTTP on 127.0.0.1, the MCP Java SDK's
 * own client and server (2.1.0), each in an application context of its own with its own
 * {@code service.name}: every message is a span on both sides, in one trace, the server's spans
 * children of the client's through {@code params._meta}.
 */
class McpStreamableHttpTracingTests {

	private static ConfigurableApplicationContext server;

	private static ConfigurableApplicationContext client;

	private static Spans serverSpans;

	private static Spans clientSpans;

	private static int port;

	@BeforeAll
	static void start() {
		server = new SpringApplicationBuilder(WeatherServerApplication.class)
			.properties("server.port=0", "server.shutdown=immediate", "server.address=127.0.0.1",
					"spring.application.name=weather-mcp-server", "ag2.tracing.capture-content=true",
					"ag2.tracing.propagation.server.baggage.accepted-keys=tenant",
					"management.tracing.sampling.probability=1.0", "management.otlp.metrics.export.enabled=false")
			.run();
		port = ((WebServerApplicationContext) server).getWebServer().getPort();
		client = client("http://127.0.0.1:" + port);
		serverSpans = new Spans(server);
		clientSpans = new Spans(client);
		// initialized here, or the first test to run would have the session's initialize in its trace
		client.getBean(McpSyncClient.class).initialize();
		client.getBean(McpAsyncClient.class).initialize().block();
	}

	static ConfigurableApplicationContext client(String url, String... properties) {
		return new SpringApplicationBuilder(WeatherClientApplication.class)
			.properties("spring.main.web-application-type=none", "spring.application.name=weather-agent",
					"weather.mcp.url=" + url, "management.tracing.sampling.probability=1.0",
					"management.otlp.metrics.export.enabled=false")
			.properties(properties)
			.run();
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@BeforeEach
	void reset() {
		// each test reads the server spans of its own trace: an earlier call's may still arrive
		serverSpans.reset();
		clientSpans.reset();
		server.getBean(WeatherTools.Received.class).meta.clear();
		server.getBean(WeatherTools.Received.class).baggage.clear();
	}

	@Test
	void toolCallIsOneTraceFromTheAgentTurnToTheServersToolSpan() {
		agent().ask(WeatherTools.GET_WEATHER, "Paris");

		SpanTree clientTrace = clientSpans.awaitNamed("invoke_agent weather_agent");
		SpanData agent = clientTrace.span("invoke_agent weather_agent");
		SpanData call = clientTrace.span("tools/call get_weather");
		assertThat(call.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(call.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.TOOL.value())
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "weather_agent")
			.containsEntry(Ag2Attributes.MCP_METHOD_NAME, "tools/call")
			.containsEntry(Ag2Attributes.MCP_PROTOCOL_VERSION, io.modelcontextprotocol.spec.ProtocolVersions.MCP_2025_11_25)
			.containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "tcp")
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) port)
			.containsEntry(Ag2Attributes.AG2_MCP_SERVER_NAME, WeatherServerApplication.SERVER_NAME)
			.containsEntry(Ag2Attributes.AG2_MCP_SERVER_VERSION, WeatherServerApplication.SERVER_VERSION)
			.containsKey(Ag2Attributes.JSONRPC_REQUEST_ID)
			.containsKey(Ag2Attributes.MCP_SESSION_ID)
			.doesNotContainKey(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS)
			.doesNotContainKey(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT);
		assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

		SpanTree serverTrace = serverSpans.awaitTrace(call.getTraceId(), "tools/call get_weather",
				"execute_tool forecast");
		SpanData handled = serverTrace.span("tools/call get_weather");
		assertThat(handled.getParentSpanId()).isEqualTo(call.getSpanId());
		assertThat(handled.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(handled.getResource().getAttributes().asMap().values()).contains("weather-mcp-server");
		assertThat(call.getResource().getAttributes().asMap().values()).contains("weather-agent");
		assertThat(handled.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.MCP.value())
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
			.containsEntry(Ag2Attributes.MCP_METHOD_NAME, "tools/call")
			.containsEntry(Ag2Attributes.MCP_SESSION_ID, call.getAttributes().get(Ag2Attributes.MCP_SESSION_ID))
			.containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "tcp")
			.containsKey(Ag2Attributes.MCP_PROTOCOL_VERSION);
		// the transport's own span (the HTTP request, itself a child of the client's span) is linked
		assertThat(handled.getLinks()).extracting(LinkData::getSpanContext)
			.anySatisfy((linked) -> assertThat(linked.getTraceId()).isEqualTo(call.getTraceId()));
		SpanData forecast = serverTrace.span("execute_tool forecast");
		assertThat(forecast.getParentSpanId()).isEqualTo(handled.getSpanId());

		Map<String, Object> meta = server.getBean(WeatherTools.Received.class).meta.get(0);
		assertThat(String.valueOf(meta.get("traceparent")))
			.startsWith("00-" + call.getTraceId() + "-" + call.getSpanId() + "-");
	}

	@Test
	void firstCallInitializesTheSessionInsideTheCallersTrace() {
		try (ConfigurableApplicationContext fresh = client("http://127.0.0.1:" + port)) {
			fresh.getBean(WeatherClientApplication.WeatherAgent.class).listTools();

			SpanTree spans = new Spans(fresh).awaitNamed("invoke_agent weather_agent");
			SpanData agent = spans.span("invoke_agent weather_agent");
			for (String name : List.of("initialize", "notifications/initialized", "tools/list")) {
				SpanData span = spans.span(name);
				assertThat(span.getParentSpanId()).as(name + " in%n%s", spans.render()).isEqualTo(agent.getSpanId());
				assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			}
			assertThat(spans.span("initialize").getAttributes().asMap())
				.containsEntry(Ag2Attributes.AG2_MCP_SERVER_NAME, WeatherServerApplication.SERVER_NAME)
				.containsEntry(Ag2Attributes.MCP_METHOD_NAME, "initialize");
			SpanTree served = serverSpans.awaitTrace(agent.getTraceId(), "initialize", "notifications/initialized",
					"tools/list");
			assertThat(served.span("initialize").getParentSpanId())
				.isEqualTo(spans.span("initialize").getSpanId());
			assertThat(served.span("notifications/initialized").getKind()).isEqualTo(SpanKind.SERVER);
		}
	}

	@Test
	void metaCarriesTraceparentTracestateAndBaggage() {
		SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.builder().put("rojo", "00f067aa0ba902b7").build());
		Context context = Context.root()
			.with(Span.wrap(caller))
			.with(Baggage.builder().put("tenant", "acme").build());
		try (Scope ignored = context.makeCurrent()) {
			agent().ask(WeatherTools.GET_WEATHER, "Oslo");
		}
		SpanData call = clientSpans.awaitNamed("invoke_agent weather_agent").span("tools/call get_weather");
		assertThat(call.getTraceId()).isEqualTo(caller.getTraceId());

		Map<String, Object> meta = server.getBean(WeatherTools.Received.class).meta.get(0);
		assertThat(meta).containsEntry("traceparent", "00-" + caller.getTraceId() + "-" + call.getSpanId() + "-01")
			.containsEntry("tracestate", "rojo=00f067aa0ba902b7")
			.containsEntry("baggage", "tenant=acme");
	}

	@Test
	void serverKeepsOnlyTheAcceptedBaggageOfMeta() {
		Baggage baggage = Baggage.builder().put("tenant", "acme").put("role", "admin").build();
		try (Scope ignored = baggage.makeCurrent()) {
			agent().ask(WeatherTools.GET_WEATHER, "Oslo");
		}
		WeatherTools.Received received = server.getBean(WeatherTools.Received.class);
		assertThat(String.valueOf(received.meta.get(0).get("baggage"))).contains("tenant=acme").contains("role=admin");
		assertThat(received.baggage.get(0)).containsExactly(Map.entry("tenant", "acme"));
	}

	@Test
	void toolResultMarkedIsErrorIsAToolErrorOnBothSides() {
		McpSchema.CallToolResult result = agent().ask(WeatherTools.FAILING, "Atlantis");
		assertThat(result.isError()).isTrue();

		SpanData call = clientSpans.awaitNamed("invoke_agent weather_agent").span("tools/call failing_tool");
		assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(call.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("tool_error");
		SpanData handled = serverSpans.awaitTrace(call.getTraceId(), "tools/call failing_tool")
			.span("tools/call failing_tool");
		assertThat(handled.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(handled.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("tool_error");
		// the server captures content: the result as JSON, and the arguments
		assertThat(JsonMapper.shared().readTree(handled.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT))
			.path("content").path(0).path("text").asString()).isEqualTo("no such city");
		assertThat(handled.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS))
			.isEqualTo("{\"city\":\"Atlantis\"}");
	}

	@Test
	void unknownToolIsAJsonRpcErrorOnBothSides() {
		assertThatThrownBy(() -> agent().ask("no_such_tool", "Rome")).isInstanceOf(McpError.class);

		SpanData call = clientSpans.awaitNamed("invoke_agent weather_agent").span("tools/call no_such_tool");
		String code = String.valueOf(McpSchema.ErrorCodes.INVALID_PARAMS);
		assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(call.getAttributes().asMap()).containsEntry(ErrorAttributes.ERROR_TYPE, code)
			.containsEntry(Ag2Attributes.RPC_RESPONSE_STATUS_CODE, code);
		SpanData handled = serverSpans.awaitTrace(call.getTraceId(), "tools/call no_such_tool")
			.span("tools/call no_such_tool");
		assertThat(handled.getParentSpanId()).isEqualTo(call.getSpanId());
		assertThat(handled.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(handled.getAttributes().asMap()).containsEntry(ErrorAttributes.ERROR_TYPE, code)
			.containsEntry(Ag2Attributes.RPC_RESPONSE_STATUS_CODE, code);
	}

	@Test
	void otherMethodsAreMcpSpansNamedByTheirMethod() {
		agent().listTools();

		SpanData list = clientSpans.awaitNamed("invoke_agent weather_agent").span("tools/list");
		assertThat(list.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(list.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.MCP.value())
			.containsEntry(Ag2Attributes.MCP_METHOD_NAME, "tools/list")
			.doesNotContainKey(Ag2Attributes.GEN_AI_OPERATION_NAME);
		SpanData handled = serverSpans.awaitTrace(list.getTraceId(), "tools/list").span("tools/list");
		assertThat(handled.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(handled.getParentSpanId()).isEqualTo(list.getSpanId());
	}

	@Test
	void resourceReadCarriesTheUriButIsNamedByItsMethodOnly() {
		agent().readStations();

		SpanData read = clientSpans.awaitNamed("invoke_agent weather_agent").span("resources/read");
		assertThat(read.getAttributes().asMap()).containsEntry(Ag2Attributes.MCP_METHOD_NAME, "resources/read")
			.containsEntry(Ag2Attributes.MCP_RESOURCE_URI, WeatherTools.STATIONS_URI)
			.containsEntry(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.MCP.value());
		SpanData handled = serverSpans.awaitTrace(read.getTraceId(), "resources/read").span("resources/read");
		assertThat(handled.getParentSpanId()).isEqualTo(read.getSpanId());
		assertThat(handled.getAttributes().get(Ag2Attributes.MCP_RESOURCE_URI)).isEqualTo(WeatherTools.STATIONS_URI);
	}

	@Test
	void promptGetIsNamedByItsPrompt() {
		agent().forecastPrompt("Lima");

		String name = "prompts/get " + WeatherTools.FORECAST_PROMPT;
		SpanData get = clientSpans.awaitNamed("invoke_agent weather_agent").span(name);
		assertThat(get.getAttributes().asMap()).containsEntry(Ag2Attributes.MCP_METHOD_NAME, "prompts/get")
			.containsEntry(Ag2Attributes.GEN_AI_PROMPT_NAME, WeatherTools.FORECAST_PROMPT)
			.doesNotContainKey(Ag2Attributes.GEN_AI_OPERATION_NAME);
		SpanData handled = serverSpans.awaitTrace(get.getTraceId(), name).span(name);
		assertThat(handled.getParentSpanId()).isEqualTo(get.getSpanId());
		assertThat(handled.getAttributes().get(Ag2Attributes.GEN_AI_PROMPT_NAME)).isEqualTo(WeatherTools.FORECAST_PROMPT);
	}

	@Test
	void asyncClientsCallIsAChildOfTheTurnThatReturnsItsMono() {
		McpSchema.CallToolResult result = client.getBean(WeatherClientApplication.AsyncWeatherAgent.class)
			.ask("Quito")
			.block(java.time.Duration.ofSeconds(10));
		assertThat(result.isError()).isFalse();

		assertAsyncCallUnderTheTurn();
	}

	@Test
	void asyncClientsCallIsAChildOfTheTurnThatBlocksOnIt() {
		client.getBean(WeatherClientApplication.AsyncWeatherAgent.class).askAndWait("Quito");

		assertAsyncCallUnderTheTurn();
	}

	private void assertAsyncCallUnderTheTurn() {
		SpanTree spans = clientSpans.awaitNamed("invoke_agent async_weather_agent");
		SpanData turn = spans.span("invoke_agent async_weather_agent");
		SpanData call = spans.span("tools/call get_weather");
		assertThat(call.getParentSpanId()).as(spans.render()).isEqualTo(turn.getSpanId());
		assertThat(call.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "async_weather_agent")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) port)
			.containsKey(Ag2Attributes.MCP_SESSION_ID);
		SpanData handled = serverSpans.awaitTrace(call.getTraceId(), "tools/call get_weather").span("tools/call get_weather");
		assertThat(handled.getParentSpanId()).isEqualTo(call.getSpanId());
	}

	@Test
	void mcpCallInsideAnAg2ToolAddsToThatToolsSpan() {
		agent().weatherTool("Lima");

		// a method with @Tool is a tool span, not a turn of the class's @Agent
		SpanTree spans = clientSpans.awaitNamed("execute_tool get_weather");
		SpanData tool = spans.span("execute_tool get_weather");
		assertThat(spans.all("tools/call get_weather")).as(spans.render()).isEmpty();
		assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.MCP_METHOD_NAME, "tools/call")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) port)
			.containsKey(Ag2Attributes.JSONRPC_REQUEST_ID);
		SpanData handled = serverSpans.awaitTrace(tool.getTraceId(), "tools/call get_weather").span("tools/call get_weather");
		assertThat(handled.getParentSpanId()).isEqualTo(tool.getSpanId());
	}

	@Test
	void secondMcpCallOfOneAg2ToolHasASpanOfItsOwn() {
		agent().twoCities("Lima", "Quito");

		SpanTree spans = clientSpans.awaitNamed("execute_tool two_cities");
		SpanData tool = spans.span("execute_tool two_cities");
		SpanData second = spans.span("tools/call get_weather");
		assertThat(second.getParentSpanId()).isEqualTo(tool.getSpanId());
		assertThat(tool.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID))
			.isNotEqualTo(second.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID));
	}

	@Test
	void aClientBuiltByHandIsTracedWithOneCallAndSendsEachMessageInItsSpan() {
		Ag2Mcp ag2Mcp = client.getBean(Ag2Mcp.class);
		SendingSpans sending = new SendingSpans(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
			.endpoint("/mcp")
			.httpRequestCustomizer(ag2Mcp.httpRequestCustomizer())
			.build());
		try (McpSyncClient byHand = McpClient.sync(ag2Mcp.trace(sending)).build()) {
			byHand.listTools();

			SpanTree spans = clientSpans.awaitNamed("tools/list");
			List<String> sent = List.of(spans.span("initialize").getSpanId(),
					spans.span("notifications/initialized").getSpanId(), spans.span("tools/list").getSpanId());
			// what the transport under ag2's does while sending (the HTTP request) runs in the message's span
			assertThat(sending.current).containsExactlyElementsOf(sent);
			assertThat(spans.span("tools/list").getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo((long) port);
		}
	}

	@Test
	void contentOnlyWithCaptureOn() {
		try (ConfigurableApplicationContext capturing = client("http://127.0.0.1:" + port,
				"ag2.tracing.capture-content=true")) {
			capturing.getBean(WeatherClientApplication.WeatherAgent.class).ask(WeatherTools.GET_WEATHER, "Cairo");
			SpanData call = new Spans(capturing).awaitNamed("invoke_agent weather_agent").span("tools/call get_weather");
			assertThat(call.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS)).isEqualTo("{\"city\":\"Cairo\"}");
			assertThat(JsonMapper.shared().readTree(call.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT))
				.path("content").path(0).path("text").asString()).isEqualTo("sunny in Cairo, 21 C");
		}
	}

	@Test
	void withTheIntegrationOffNothingIsTracedOrSent() {
		try (ConfigurableApplicationContext off = client("http://127.0.0.1:" + port,
				"ag2.tracing.integrations.mcp.enabled=false")) {
			off.getBean(WeatherClientApplication.WeatherAgent.class).ask(WeatherTools.GET_WEATHER, "Lisbon");

			SpanTree spans = new Spans(off).awaitNamed("invoke_agent weather_agent");
			assertThat(spans.spans()).extracting(SpanData::getName)
				.as(spans.render())
				.containsExactly("invoke_agent weather_agent");
			assertThat(server.getBean(WeatherTools.Received.class).meta.get(0)).doesNotContainKey("traceparent");
		}
	}

	@Test
	void serverDownEndsTheInitializeSpanWithTheConnectionFailure() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext down = client("http://127.0.0.1:" + closedPort)) {
			assertThatThrownBy(
					() -> down.getBean(WeatherClientApplication.WeatherAgent.class).ask(WeatherTools.GET_WEATHER, "Oslo"))
				.isInstanceOf(RuntimeException.class);
			SpanTree spans = new Spans(down).awaitNamed("invoke_agent weather_agent");
			SpanData initialize = spans.span("initialize");
			assertThat(initialize.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(initialize.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isNotBlank();
			assertThat(initialize.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo((long) closedPort);
			assertThat(spans.span("invoke_agent weather_agent").getStatus().getStatusCode())
				.isEqualTo(StatusCode.ERROR);
		}
	}

	/** A transport a user might wrap the SDK's in: it notes the span current when each message is sent. */
	private static final class SendingSpans implements McpClientTransport {

		private final McpClientTransport delegate;

		private final List<String> current = new CopyOnWriteArrayList<>();

		SendingSpans(McpClientTransport delegate) {
			this.delegate = delegate;
		}

		@Override
		public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
			return this.delegate.connect(handler);
		}

		@Override
		public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
			return Mono.defer(() -> {
				this.current.add(Span.current().getSpanContext().getSpanId());
				return this.delegate.sendMessage(message);
			});
		}

		@Override
		public Mono<Void> closeGracefully() {
			return this.delegate.closeGracefully();
		}

		@Override
		public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
			return this.delegate.unmarshalFrom(data, typeRef);
		}

	}

	private static WeatherClientApplication.WeatherAgent agent() {
		return client.getBean(WeatherClientApplication.WeatherAgent.class);
	}

}
