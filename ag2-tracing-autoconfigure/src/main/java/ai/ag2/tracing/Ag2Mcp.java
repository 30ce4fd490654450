package ai.ag2.tracing;

import ai.ag2.tracing.internal.mcp.McpHttpRequestTracing;
import ai.ag2.tracing.internal.mcp.McpTracing;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import org.jspecify.annotations.Nullable;

/**
 * Tracing for MCP clients and servers (the MCP Java SDK) the application context does not
 * manage. Clients and servers that are beans (Spring AI's MCP client and server starters
 * included) need nothing. For one built by hand, trace its transport where it is built, with this
 * bean:
 * <pre>{@code
 * McpSyncClient client = McpClient.sync(ag2Mcp.trace(transport)).build();
 * McpSyncServer server = McpServer.sync(ag2Mcp.trace(transportProvider)).tools(weather).build();
 * }</pre>
 * Every request and notification the client sends is then a span ({@code tools/call {tool}},
 * {@code initialize}, {@code tools/list}, …) with the trace context in its {@code params._meta},
 * and the server opens a SERVER span per request it handles, child of the caller's span. For the
 * SDK's HTTP client transports, {@link #httpRequestCustomizer()} adds the server's address, the
 * MCP session id and the trace context of the HTTP request:
 * {@code HttpClientStreamableHttpTransport.builder(url).httpRequestCustomizer(ag2Mcp.httpRequestCustomizer())}.
 * <p>
 * With {@code ag2.tracing.integrations.mcp.enabled=false} (or tracing off) every method returns
 * what it is given, and the customizer does nothing.
 */
public final class Ag2Mcp {

	private static final McpSyncHttpClientRequestCustomizer NOTHING = (builder, method, endpoint, body, context) -> {
	};

	private final @Nullable McpTracing tracing;

	/**
	 * Made by ag2-tracing's auto-configuration; inject the bean rather than creating one.
	 * @param tracing the MCP integration, or {@code null} when it is switched off
	 */
	public Ag2Mcp(@Nullable McpTracing tracing) {
		this.tracing = tracing;
	}

	/**
	 * A client transport that traces the messages sent over {@code transport}, to which it
	 * delegates everything; tracing a traced transport returns it unchanged.
	 * @param transport the transport the client is built on
	 * @return the traced transport
	 */
	public McpClientTransport trace(McpClientTransport transport) {
		McpTracing current = this.tracing;
		return (current != null) ? current.trace(transport) : transport;
	}

	/**
	 * A server transport provider (stdio, SSE) whose sessions are traced; the provider itself
	 * still serves (register the servlet provider as you would).
	 * @param provider the provider the server is built on
	 * @return the traced provider
	 */
	public McpServerTransportProvider trace(McpServerTransportProvider provider) {
		McpTracing current = this.tracing;
		return (current != null) ? current.trace(provider) : provider;
	}

	/**
	 * A streamable-HTTP server transport provider whose sessions are traced; the provider itself
	 * still serves.
	 * @param provider the provider the server is built on
	 * @return the traced provider
	 */
	public McpStreamableServerTransportProvider trace(McpStreamableServerTransportProvider provider) {
		McpTracing current = this.tracing;
		return (current != null) ? current.trace(provider) : provider;
	}

	/**
	 * A stateless server transport whose requests are traced; the transport itself still serves.
	 * @param transport the transport the server is built on
	 * @return the traced transport
	 */
	public McpStatelessServerTransport trace(McpStatelessServerTransport transport) {
		McpTracing current = this.tracing;
		return (current != null) ? current.trace(transport) : transport;
	}

	/**
	 * The request customizer of the SDK's HTTP client transports that records
	 * {@code server.address}, {@code server.port} and {@code mcp.session.id} on the message's span
	 * and sends its trace context on the HTTP request too. Spring AI's MCP client picks the bean
	 * up by itself.
	 * @return the customizer
	 */
	public McpSyncHttpClientRequestCustomizer httpRequestCustomizer() {
		McpTracing current = this.tracing;
		return (current != null) ? new McpHttpRequestTracing(current) : NOTHING;
	}

}
