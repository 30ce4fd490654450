package ai.ag2.tracing.internal.mcp;

import java.util.List;

import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/** A stateless MCP server transport whose handler is traced ({@link TracingStatelessHandler}). */
final class TracingStatelessServerTransport implements McpStatelessServerTransport {

	private final McpStatelessServerTransport delegate;

	private final McpTracing tracing;

	TracingStatelessServerTransport(McpStatelessServerTransport delegate, McpTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
	}

	@Override
	public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
		this.delegate.setMcpHandler(TracingStatelessHandler.trace(mcpHandler, this.tracing));
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
