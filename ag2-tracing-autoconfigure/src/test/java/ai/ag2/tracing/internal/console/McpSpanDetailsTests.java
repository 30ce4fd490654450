package ai.ag2.tracing.internal.console;

import java.time.Duration;
import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.mcp.McpSpanDetails;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.NetworkAttributes;
import org.junit.jupiter.api.Test;

import static ai.ag2.tracing.internal.console.TestSpans.TRACE_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console tree says which MCP server ran each tool: on MCP spans and on the tool spans of MCP
 * tool calls, and nothing more on other tool spans.
 */
class McpSpanDetailsTests {

	private final TestSpans a = new TestSpans(TRACE_A, "ag2-tracing-sample");

	private final TraceTreeRenderer renderer = new TraceTreeRenderer(
			List.of(McpSpanDetails.ofMcpSpans(), McpSpanDetails.ofToolSpans()));

	@Test
	void mcpToolCallsAndMessagesShowTheServerTheSessionAndTheTransport() {
		SpanData turn = this.a.root(1, "invoke_agent weather_reporter", 0, Duration.ofMillis(30),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent"));
		SpanData list = this.a.child(2, 1, "tools/list", 1, Duration.ofMillis(4),
				(attributes) -> mcp(attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "mcp"), "tools/list"));
		SpanData call = this.a.child(3, 1, "tools/call get_forecast", 6, Duration.ofMillis(9),
				(attributes) -> mcp(attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "tool"), "tools/call"));
		SpanData local = this.a.child(4, 1, "execute_tool get_weather", 20, Duration.ofMillis(2),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "tool")
					.put(NetworkAttributes.NETWORK_TRANSPORT, "tcp"));

		String tree = this.renderer.renderComplete(turn, List.of(turn, list, call, local));

		assertThat(tree).contains("├── tools/list  (4 ms, server weather-station 1.0.0, session 5558bf0b, tcp)")
			.contains("├── tools/call get_forecast  (9 ms, server weather-station 1.0.0, session 5558bf0b, tcp)")
			.contains("└── execute_tool get_weather  (2 ms)\n");
	}

	private static void mcp(io.opentelemetry.api.common.AttributesBuilder attributes, String method) {
		attributes.put(Ag2Attributes.MCP_METHOD_NAME, method)
			.put(Ag2Attributes.AG2_MCP_SERVER_NAME, "weather-station")
			.put(Ag2Attributes.AG2_MCP_SERVER_VERSION, "1.0.0")
			.put(Ag2Attributes.MCP_SESSION_ID, "5558bf0b9a1c4e7d")
			.put(NetworkAttributes.NETWORK_TRANSPORT, "tcp");
	}

}
