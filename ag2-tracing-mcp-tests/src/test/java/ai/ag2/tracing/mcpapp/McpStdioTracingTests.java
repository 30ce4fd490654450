package ai.ag2.tracing.mcpapp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Mcp;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.OtlpHttpReceiver;
import ai.ag2.tracing.annotation.Agent;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent calls a tool of an MCP server over stdio: the server is {@link StdioWeatherServer} in a
 * child JVM that exports its spans to a stand-in OTLP collector on 127.0.0.1, the client a client
 * built by hand on {@code ag2Mcp.trace(transport)}. One trace across both processes, the server's
 * span a child of the client's through {@code params._meta}.
 */
class McpStdioTracingTests {

	@Test
	void toolCallOverStdioIsOneTraceAcrossTwoProcesses() {
		try (OtlpHttpReceiver collector = OtlpHttpReceiver.start();
				ConfigurableApplicationContext client = new SpringApplicationBuilder(StdioClientApplication.class)
					.properties("spring.main.web-application-type=none", "spring.application.name=stdio-agent",
							"otlp.endpoint=" + collector.tracesEndpoint(), "management.tracing.sampling.probability=1.0",
							"management.otlp.metrics.export.enabled=false")
					.run()) {
			McpSchema.CallToolResult result = client.getBean(StdioAgent.class).ask("Bergen");

			Spans clientSpans = new Spans(client);
			SpanTree spans = clientSpans.awaitNamed("invoke_agent stdio_agent");
			SpanData call = spans.span("tools/call get_weather");
			assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(call.getAttributes().asMap()).containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "pipe")
				.containsEntry(Ag2Attributes.AG2_MCP_SERVER_NAME, "weather-stdio")
				.containsEntry(Ag2Attributes.AG2_MCP_SERVER_VERSION, "0.9.0")
				.containsKey(Ag2Attributes.MCP_PROTOCOL_VERSION)
				.containsKey(Ag2Attributes.JSONRPC_REQUEST_ID)
				.doesNotContainKey(ServerAttributes.SERVER_ADDRESS)
				.doesNotContainKey(Ag2Attributes.MCP_SESSION_ID);
			SpanData initialize = spans.span("initialize");
			assertThat(initialize.getParentSpanId()).isEqualTo(call.getParentSpanId());
			// what the server's tool received in params._meta
			assertThat(result.content().toString()).contains("traceparent=00-" + call.getTraceId() + "-" + call.getSpanId());

			List<Span> serverSpans = awaitServerSpans(collector, call.getTraceId(), 4);
			Span handled = serverSpans.stream().filter((span) -> span.getName().equals("tools/call get_weather"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no server span in " + names(serverSpans)));
			assertThat(hex(handled.getParentSpanId().toByteArray())).isEqualTo(call.getSpanId());
			assertThat(handled.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
			assertThat(attributes(handled)).containsEntry("network.transport", "pipe")
				.containsEntry("mcp.method.name", "tools/call")
				.containsEntry("gen_ai.tool.name", "get_weather")
				.containsEntry("jsonrpc.request.id", call.getAttributes().get(Ag2Attributes.JSONRPC_REQUEST_ID))
				// the child JVM runs with content capture off
				.doesNotContainKeys("gen_ai.tool.call.arguments", "gen_ai.tool.call.result");
			Span forecast = serverSpans.stream().filter((span) -> span.getName().equals("execute_tool forecast"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no ag2 tool span in " + names(serverSpans)));
			assertThat(forecast.getParentSpanId()).isEqualTo(handled.getSpanId());
			assertThat(serverService(collector)).contains("weather-stdio-server");
		}
	}

	private static List<Span> awaitServerSpans(OtlpHttpReceiver collector, String traceId, int expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		List<Span> spans = List.of();
		while (System.nanoTime() < deadline) {
			spans = collector.received()
				.stream()
				.flatMap((received) -> received.request().getResourceSpansList().stream())
				.flatMap((resource) -> resource.getScopeSpansList().stream())
				.flatMap((scope) -> scope.getSpansList().stream())
				.filter((span) -> hex(span.getTraceId().toByteArray()).equals(traceId))
				.toList();
			if (spans.size() >= expected) {
				return spans;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return spans;
	}

	private static List<String> serverService(OtlpHttpReceiver collector) {
		List<String> services = new ArrayList<>();
		collector.received()
			.forEach((received) -> received.request()
				.getResourceSpansList()
				.forEach((resource) -> resource.getResource().getAttributesList().forEach((attribute) -> {
					if (attribute.getKey().equals("service.name")) {
						services.add(attribute.getValue().getStringValue());
					}
				})));
		return services;
	}

	private static Map<String, String> attributes(Span span) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (KeyValue attribute : span.getAttributesList()) {
			values.put(attribute.getKey(), attribute.getValue().getStringValue());
		}
		return values;
	}

	private static List<String> names(List<Span> spans) {
		return spans.stream().map(Span::getName).toList();
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/** The client side: an agent and a client built by hand on a stdio transport, traced with one call. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StdioClientApplication {

		@Bean(destroyMethod = "closeGracefully")
		McpSyncClient stdioClient(Ag2Mcp ag2Mcp, org.springframework.core.env.Environment environment) {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			ServerParameters server = ServerParameters.builder(java)
				.args("-cp", System.getProperty("java.class.path"), StdioWeatherServer.class.getName(),
						"--management.opentelemetry.tracing.export.otlp.endpoint="
								+ environment.getRequiredProperty("otlp.endpoint"))
				.build();
			StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
			return McpClient.sync(ag2Mcp.trace(transport)).requestTimeout(Duration.ofSeconds(60)).build();
		}

		@Bean
		StdioAgent stdioAgent(McpSyncClient stdioClient) {
			return new StdioAgent(stdioClient);
		}

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	@Agent(name = "stdio_agent")
	static class StdioAgent {

		private final McpSyncClient client;

		StdioAgent(McpSyncClient client) {
			this.client = client;
		}

		public McpSchema.CallToolResult ask(String city) {
			return this.client.callTool(new McpSchema.CallToolRequest(WeatherTools.GET_WEATHER, Map.of("city", city)));
		}

	}

}
