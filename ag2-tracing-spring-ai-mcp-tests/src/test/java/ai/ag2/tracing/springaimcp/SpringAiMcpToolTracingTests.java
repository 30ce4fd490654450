package ai.ag2.tracing.springaimcp;

import java.time.Duration;
import java.util.stream.Stream;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.SpanTree;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's MCP starters (and the MCP SDK 2.0.x they bring) with ag2-tracing's starter, no ag2
 * code: a {@code ChatClient} offered an MCP server's tools calls one, and the tool call is one
 * {@code execute_tool} span (Spring AI's, adopted by ag2) with the MCP attributes, under the agent
 * turn, the server's SERVER span its child in the server's own service, and the server tool's ag2
 * span under that; for each of the WebMvc server's protocols, with the client transport that
 * speaks it.
 */
class SpringAiMcpToolTracingTests {

	private static final FakeOpenAiEndpoint endpoint = FakeOpenAiEndpoint.answering("It is sunny in Paris.");

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	/** The WebMvc server's {@code spring.ai.mcp.server.protocol}, and how Spring AI's client connects to it. */
	enum Protocol {

		STREAMABLE("streamable-http", true), SSE("sse", true), STATELESS("streamable-http", false);

		private final String clientConnections;

		private final boolean sessions;

		Protocol(String clientConnections, boolean sessions) {
			this.clientConnections = clientConnections;
			this.sessions = sessions;
		}

	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void mcpToolOfferedToAChatClientIsOneExecuteToolSpanWithTheMcpAttributes(Protocol protocol) {
		try (ConfigurableApplicationContext server = server(protocol);
				ConfigurableApplicationContext agent = agent(protocol, port(server))) {
			int port = port(server);
			assertThat(agent.getBean(SpringAiMcpApplications.Assistant.class).reply("What is the weather in Paris?"))
				.isEqualTo("It is sunny in Paris.");

			SpanTree agentSpans = spans(agent, "invoke_agent assistant");
			SpanData turn = agentSpans.span("invoke_agent assistant");
			SpanData tool = agentSpans.span("execute_tool get_weather");
			assertThat(agentSpans.all("tools/call get_weather")).as(agentSpans.render()).isEmpty();
			assertThat(tool.getTraceId()).isEqualTo(turn.getTraceId());
			assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.TOOL.value())
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
				.containsEntry(Ag2Attributes.MCP_METHOD_NAME, McpSchema.METHOD_TOOLS_CALL)
				.containsEntry(Ag2Attributes.AG2_MCP_SERVER_NAME, "weather-server")
				.containsEntry(Ag2Attributes.AG2_MCP_SERVER_VERSION, "2.0.0")
				.containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "tcp")
				.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
				.containsEntry(ServerAttributes.SERVER_PORT, (long) port)
				.containsKey(Ag2Attributes.JSONRPC_REQUEST_ID)
				.containsKey(Ag2Attributes.MCP_PROTOCOL_VERSION);
			assertThat(agentSpans.all("chat gpt-4o-mini")).hasSize(2);

			// the server's span ends after its tool's: both, then the tree
			SpanTree serverSpans = spans(server, "execute_tool lookup_weather", "tools/call get_weather");
			SpanData handled = serverSpans.span("tools/call get_weather");
			assertThat(handled.getKind()).isEqualTo(SpanKind.SERVER);
			assertThat(handled.getTraceId()).isEqualTo(tool.getTraceId());
			assertThat(handled.getParentSpanId()).isEqualTo(tool.getSpanId());
			assertThat(handled.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.MCP.value())
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
				.containsEntry(Ag2Attributes.MCP_METHOD_NAME, McpSchema.METHOD_TOOLS_CALL)
				.containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "tcp");
			if (protocol.sessions) {
				// the client's: the Mcp-Session-Id header (streamable HTTP), the message endpoint's sessionId (SSE)
				assertThat(handled.getAttributes().get(Ag2Attributes.MCP_SESSION_ID)).isNotBlank()
					.isEqualTo(tool.getAttributes().get(Ag2Attributes.MCP_SESSION_ID));
			}
			else {
				assertThat(handled.getAttributes().asMap()).doesNotContainKey(Ag2Attributes.MCP_SESSION_ID)
					.containsEntry(Ag2Attributes.JSONRPC_REQUEST_ID, tool.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID));
			}
			// the HTTP request the message came in is linked, in the same trace
			assertThat(handled.getLinks()).extracting(LinkData::getSpanContext)
				.anySatisfy((linked) -> assertThat(linked.getTraceId()).isEqualTo(tool.getTraceId()));
			SpanData lookup = serverSpans.span("execute_tool lookup_weather");
			assertThat(lookup.getParentSpanId()).isEqualTo(handled.getSpanId());
			assertThat(handled.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			// the server captures content, the agent does not
			assertThat(handled.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).contains("Sunny, 21 C in Paris");
			assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).isNull();
		}
	}

	private static ConfigurableApplicationContext server(Protocol protocol) {
		return new SpringApplicationBuilder(SpringAiMcpApplications.WeatherServer.class)
			.properties("server.port=0", "server.shutdown=immediate", "server.address=127.0.0.1",
					"spring.application.name=weather-mcp-server", "spring.ai.mcp.server.name=weather-server",
					"spring.ai.mcp.server.version=2.0.0", "spring.ai.mcp.server.protocol=" + protocol.name(),
					"ag2.tracing.capture-content=true", "spring.ai.mcp.client.enabled=false",
					"spring.ai.openai.api-key=unused", "management.tracing.sampling.probability=1.0",
					"management.otlp.metrics.export.enabled=false")
			.run();
	}

	private static ConfigurableApplicationContext agent(Protocol protocol, int port) {
		return new SpringApplicationBuilder(SpringAiMcpApplications.AgentApplication.class)
			.properties("spring.main.web-application-type=none", "spring.application.name=assistant",
					"spring.ai.mcp.server.enabled=false",
					"spring.ai.mcp.client." + protocol.clientConnections + ".connections.weather.url=http://127.0.0.1:"
							+ port,
					"spring.ai.openai.api-key=test-key", "spring.ai.openai.base-url=" + endpoint.baseUrl(),
					"spring.ai.openai.chat.model=gpt-4o-mini", "management.tracing.sampling.probability=1.0",
					"management.otlp.metrics.export.enabled=false")
			.run();
	}

	// The context's finished spans once there is one named each of `names`
	private static SpanTree spans(ConfigurableApplicationContext context, String... names) {
		return SpanTree.await(context.getBean(SdkTracerProvider.class), context.getBean(InMemorySpanExporter.class),
				Duration.ofSeconds(30), (spans) -> Stream.of(names)
					.allMatch((name) -> spans.stream().anyMatch((span) -> span.getName().equals(name))));
	}

	private static int port(ConfigurableApplicationContext server) {
		return ((WebServerApplicationContext) server).getWebServer().getPort();
	}

}
