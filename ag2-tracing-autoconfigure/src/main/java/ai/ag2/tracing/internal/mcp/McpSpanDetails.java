package ai.ag2.tracing.internal.mcp;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.console.SpanDetails;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.NetworkAttributes;

/**
 * What the console tree shows of an MCP span: the server a client talks to, the session, and over
 * what, e.g. {@code initialize  (4 ms, server weather 1.0.0, session 1b2c3d4e, tcp)}. Besides the
 * {@code mcp} spans, a tool span that is an MCP tool call (a client's {@code tools/call {tool}}, or
 * the ag2 or Spring AI tool span an MCP call merged into) shows the same, so the tree says which
 * MCP server ran each tool.
 * <p>
 * Internal API: may change without notice.
 */
public final class McpSpanDetails implements SpanDetails {

	private final String spanType;

	private McpSpanDetails(String spanType) {
		this.spanType = spanType;
	}

	/** The details of {@code mcp} spans. */
	public static McpSpanDetails ofMcpSpans() {
		return new McpSpanDetails(Ag2SpanType.MCP.value());
	}

	/** The details of {@code tool} spans, for those that carry an MCP tool call. */
	public static McpSpanDetails ofToolSpans() {
		return new McpSpanDetails(Ag2SpanType.TOOL.value());
	}

	@Override
	public String spanType() {
		return this.spanType;
	}

	@Override
	public void describe(Attributes attributes, List<String> details) {
		if (attributes.get(Ag2Attributes.MCP_METHOD_NAME) == null) {
			return;
		}
		String server = attributes.get(Ag2Attributes.AG2_MCP_SERVER_NAME);
		if (server != null && !server.isEmpty()) {
			String version = attributes.get(Ag2Attributes.AG2_MCP_SERVER_VERSION);
			details.add("server " + server + ((version != null && !version.isEmpty()) ? " " + version : ""));
		}
		String session = attributes.get(Ag2Attributes.MCP_SESSION_ID);
		if (session != null && !session.isEmpty()) {
			details.add("session " + ((session.length() > 8) ? session.substring(0, 8) : session));
		}
		String transport = attributes.get(NetworkAttributes.NETWORK_TRANSPORT);
		if (transport != null && !transport.isEmpty()) {
			details.add(transport);
		}
	}

}
