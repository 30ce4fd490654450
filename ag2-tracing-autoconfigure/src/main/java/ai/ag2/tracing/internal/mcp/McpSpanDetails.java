package ai.ag2.tracing.internal.mcp;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.console.SpanDetails;
import io.opentelemetry.api.common.Attributes;

/**
 * What the console tree shows of an MCP span: the server a client talks to, and over what, e.g.
 * {@code initialize  (4 ms, server weather 1.0.0, tcp)} or {@code tools/call get_weather  (2 ms,
 * session 1b2c3d4e, tcp)} on the server side.
 * <p>
 * Internal API: may change without notice.
 */
public final class McpSpanDetails implements SpanDetails {

	@Override
	public String spanType() {
		return Ag2SpanType.MCP.value();
	}

	@Override
	public void describe(Attributes attributes, List<String> details) {
		String server = attributes.get(Ag2Attributes.AG2_MCP_SERVER_NAME);
		if (server != null && !server.isEmpty()) {
			String version = attributes.get(Ag2Attributes.AG2_MCP_SERVER_VERSION);
			details.add("server " + server + ((version != null && !version.isEmpty()) ? " " + version : ""));
		}
		String session = attributes.get(Ag2Attributes.MCP_SESSION_ID);
		if (session != null && !session.isEmpty()) {
			details.add("session " + ((session.length() > 8) ? session.substring(0, 8) : session));
		}
		String transport = attributes.get(io.opentelemetry.semconv.NetworkAttributes.NETWORK_TRANSPORT);
		if (transport != null && !transport.isEmpty()) {
			details.add(transport);
		}
	}

}
