package ai.ag2.tracing.internal.mcp;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.InstrumentationFailures;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * A stateless MCP server's handler, traced: a SERVER span per request (with its JSON-RPC id) and
 * notification, open while the SDK's handler runs, ended by its answer.
 */
record TracingStatelessHandler(McpStatelessServerHandler delegate, McpTracing tracing)
		implements McpStatelessServerHandler {

	private static final McpTracing.ServerPeer PEER = new McpTracing.ServerPeer(Ag2Attributes.NETWORK_TRANSPORT_TCP,
			null, null);

	static McpStatelessServerHandler trace(McpStatelessServerHandler handler, McpTracing tracing) {
		return (handler instanceof TracingStatelessHandler) ? handler : new TracingStatelessHandler(handler, tracing);
	}

	@Override
	public Mono<McpSchema.JSONRPCResponse> handleRequest(McpTransportContext transportContext,
			McpSchema.JSONRPCRequest request) {
		return Mono.defer(() -> {
			McpCall call = start(request.method(), request.id(), request.params());
			Mono<McpSchema.JSONRPCResponse> handled = this.delegate.handleRequest(transportContext, request);
			if (call == null) {
				return handled;
			}
			return ScopedMono.of(handled, call.context())
				.doOnNext(call::endWith)
				.doOnError((failure) -> call.endWithFailure(failure, true))
				.doFinally((signal) -> call.end());
		});
	}

	@Override
	public Mono<Void> handleNotification(McpTransportContext transportContext,
			McpSchema.JSONRPCNotification notification) {
		return Mono.defer(() -> {
			McpCall call = start(notification.method(), null, notification.params());
			Mono<Void> handled = this.delegate.handleNotification(transportContext, notification);
			if (call == null) {
				return handled;
			}
			return ScopedMono.of(handled, call.context())
				.doOnError((failure) -> call.endWithFailure(failure, true))
				.doFinally((signal) -> call.end());
		});
	}

	private McpCall start(String method, Object id, Object params) {
		try {
			return this.tracing.startServer(method, id, McpMessages.asMap(params, null), PEER);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an MCP message a stateless server handles", ex);
			return null;
		}
	}

}
