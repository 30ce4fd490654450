package ai.ag2.tracing.internal.mcp;

import java.util.List;

import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * An MCP server transport provider (stdio, SSE) whose sessions are traced: a SERVER span per
 * request and notification they handle. Everything else is the provider's own; the provider
 * itself still serves (a servlet provider stays the servlet that is registered).
 */
final class TracingServerTransportProvider implements McpServerTransportProvider {

	private final McpServerTransportProvider delegate;

	private final McpTracing tracing;

	TracingServerTransportProvider(McpServerTransportProvider delegate, McpTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
	}

	@Override
	public void setSessionFactory(McpServerSession.Factory sessionFactory) {
		this.delegate.setSessionFactory(TracedServerSession.factory(sessionFactory, this.tracing,
				this.delegate instanceof StdioServerTransportProvider));
	}

	@Override
	public Mono<Void> notifyClients(String method, Object params) {
		return this.delegate.notifyClients(method, params);
	}

	@Override
	public Mono<Void> notifyClient(String sessionId, String method, Object params) {
		return this.delegate.notifyClient(sessionId, method, params);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

	@Override
	public String toString() {
		return "ag2-traced " + this.delegate;
	}

}
