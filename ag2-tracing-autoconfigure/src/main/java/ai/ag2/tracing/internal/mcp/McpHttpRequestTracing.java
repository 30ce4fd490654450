package ai.ag2.tracing.internal.mcp;

import java.net.URI;
import java.net.http.HttpRequest;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of a traced MCP client message, for the SDK's HTTP transports (streamable HTTP,
 * SSE): the request's endpoint as {@code server.address}/{@code server.port} of the message's
 * span, its {@code Mcp-Session-Id} as {@code mcp.session.id}, and the trace context on the HTTP
 * request too (set, never added), so that the server's HTTP span continues the MCP client span as
 * its {@code params._meta} does. Requests that carry no traced message (the SSE stream, the
 * session's {@code DELETE}) are left as they are.
 * <p>
 * Internal API: may change without notice.
 */
public final class McpHttpRequestTracing implements McpSyncHttpClientRequestCustomizer {

	static final String SESSION_HEADER = "Mcp-Session-Id";

	private final McpTracing tracing;

	public McpHttpRequestTracing(McpTracing tracing) {
		this.tracing = tracing;
	}

	@Override
	public void customize(HttpRequest.Builder builder, String method, URI endpoint, @Nullable String body,
			McpTransportContext context) {
		try {
			Object carried = (context != null) ? context.get(TracingClientTransport.CallTransportContext.CALL) : null;
			if (!(carried instanceof McpCall call) || call.isEnded()) {
				return;
			}
			if (endpoint != null && endpoint.getHost() != null) {
				call.recordServer(endpoint.getHost(), portOf(endpoint));
			}
			call.recordSessionId(sessionIdOf(builder));
			this.tracing.metaFields(call).forEach(builder::setHeader);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing the HTTP request of an MCP message", ex);
		}
	}

	// The transport has set the session's header on the builder; a copy built here shows it
	private static @Nullable String sessionIdOf(HttpRequest.Builder builder) {
		return builder.copy().build().headers().firstValue(SESSION_HEADER).orElse(null);
	}

	private static int portOf(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
	}

}
