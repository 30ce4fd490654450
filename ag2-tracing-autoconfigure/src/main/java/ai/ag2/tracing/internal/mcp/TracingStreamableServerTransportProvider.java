package ai.ag2.tracing.internal.mcp;

import java.util.List;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * A streamable-HTTP MCP server transport provider whose sessions' handlers are traced (see
 * {@link StreamableHandlers}). The provider itself still serves the HTTP requests.
 */
final class TracingStreamableServerTransportProvider implements McpStreamableServerTransportProvider {

	private final McpStreamableServerTransportProvider delegate;

	private final McpTracing tracing;

	TracingStreamableServerTransportProvider(McpStreamableServerTransportProvider delegate, McpTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
	}

	@Override
	public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
		StreamableHandlers.trace(sessionFactory, this.tracing);
		this.delegate.setSessionFactory(sessionFactory);
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
