package ai.ag2.tracing.internal.mcp;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of a traced MCP client message, for the SDK's HTTP transports (streamable HTTP,
 * SSE): the request's endpoint as {@code server.address}/{@code server.port} of the message's
 * span, its {@code Mcp-Session-Id} as {@code mcp.session.id}, and the trace context on the HTTP
 * request too (set, never added), so that the server's HTTP span continues the MCP client span as
 * its {@code params._meta} does. Over SSE the session id is the {@code sessionId} of the message
 * endpoint the server gave. Requests that carry no traced message (the SSE stream, the
 * session's {@code DELETE}) are left as they are.
 * <p>
 * Internal API: may change without notice.
 */
public final class McpHttpRequestTracing implements McpSyncHttpClientRequestCustomizer {

	static final String SESSION_HEADER = "Mcp-Session-Id";

	private static final String SESSION_PARAMETER = "sessionId=";

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
			String sessionId = sessionIdOf(builder);
			call.recordSessionId((sessionId != null) ? sessionId : sessionIdOf(endpoint));
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

	// The SDK's SSE transports post each message to the endpoint the server named, ?sessionId=… included
	private static @Nullable String sessionIdOf(@Nullable URI endpoint) {
		String query = (endpoint != null) ? endpoint.getRawQuery() : null;
		if (query == null) {
			return null;
		}
		for (String parameter : query.split("&")) {
			if (parameter.startsWith(SESSION_PARAMETER)) {
				String value = URLDecoder.decode(parameter.substring(SESSION_PARAMETER.length()), StandardCharsets.UTF_8);
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	private static int portOf(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
	}

}
