package ai.ag2.tracing.internal.mcp;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.InstrumentationFailures;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.ReflectionUtils;

/**
 * Tracing for streamable-HTTP MCP servers. The SDK's streamable sessions hand each request to
 * a handler ({@code initialize}, {@code tools/call}, …) that its
 * {@link DefaultMcpStreamableServerSessionFactory} holds; the session streams are final classes of
 * the SDK with no seam of their own. So the factory's handlers are replaced, once, by handlers that
 * open the request's SERVER span around the SDK's: its context current while the handler runs,
 * ended by the handler's result or error. The handlers are not told the JSON-RPC id, so these
 * spans carry no {@code jsonrpc.request.id}. Another factory is left untraced, with one warning.
 */
final class StreamableHandlers {

	private StreamableHandlers() {
	}

	/** Trace the handlers of {@code factory}'s sessions; idempotent. */
	static void trace(McpStreamableServerSession.@Nullable Factory factory, McpTracing tracing) {
		if (factory == null) {
			return;
		}
		if (!(factory instanceof DefaultMcpStreamableServerSessionFactory)) {
			InstrumentationFailures.warnOnce("mcp-streamable-factory:" + factory.getClass().getName(),
					"ag2-tracing: MCP streamable sessions made by " + factory.getClass().getName()
							+ " are not traced (ag2-tracing knows the SDK's DefaultMcpStreamableServerSessionFactory)");
			return;
		}
		try {
			synchronized (factory) {
				traceHandlers(factory, tracing);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an MCP streamable server's handlers", ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static void traceHandlers(McpStreamableServerSession.Factory factory, McpTracing tracing) {
		Field requests = field("requestHandlers");
		Field notifications = field("notificationHandlers");
		Field init = field("initRequestHandler");
		Map<String, McpRequestHandler<?>> requestHandlers = (Map<String, McpRequestHandler<?>>) ReflectionUtils
			.getField(requests, factory);
		if (requestHandlers == null || requestHandlers.values().stream().anyMatch(TracingRequestHandler.class::isInstance)) {
			return;
		}
		Map<String, McpRequestHandler<?>> tracedRequests = new LinkedHashMap<>();
		requestHandlers.forEach((method, handler) -> tracedRequests.put(method, traced(method, handler, tracing)));
		Map<String, McpNotificationHandler> notificationHandlers = (Map<String, McpNotificationHandler>) ReflectionUtils
			.getField(notifications, factory);
		Map<String, McpNotificationHandler> tracedNotifications = new LinkedHashMap<>();
		if (notificationHandlers != null) {
			notificationHandlers.forEach((method, handler) -> tracedNotifications.put(method,
					new TracingNotificationHandler(method, handler, tracing)));
		}
		McpStreamableServerSession.InitRequestHandler initHandler = (McpStreamableServerSession.InitRequestHandler) ReflectionUtils
			.getField(init, factory);
		ReflectionUtils.setField(requests, factory, tracedRequests);
		ReflectionUtils.setField(notifications, factory, tracedNotifications);
		if (initHandler != null) {
			ReflectionUtils.setField(init, factory, new TracingInitHandler(initHandler, tracing));
		}
	}

	private static <T> McpRequestHandler<T> traced(String method, McpRequestHandler<T> handler, McpTracing tracing) {
		return new TracingRequestHandler<>(method, handler, tracing);
	}

	private static Field field(String name) {
		Field field = ReflectionUtils.findField(DefaultMcpStreamableServerSessionFactory.class, name);
		if (field == null) {
			throw new IllegalStateException("DefaultMcpStreamableServerSessionFactory has no field " + name);
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	private static McpTracing.ServerPeer peer(@Nullable String sessionId, @Nullable String protocolVersion) {
		return new McpTracing.ServerPeer(Ag2Attributes.NETWORK_TRANSPORT_TCP, sessionId, protocolVersion);
	}

	static <T> Mono<T> traced(@Nullable McpCall call, Mono<T> handled) {
		if (call == null) {
			return handled;
		}
		return ScopedMono.of(handled, call.context())
			.doOnSuccess(call::endWithResult)
			.doOnError((failure) -> call.endWithFailure(failure, true))
			.doOnCancel(() -> call.endWithoutAnswer("cancelled", "the MCP request was cancelled"));
	}

	private record TracingRequestHandler<T>(String method, McpRequestHandler<T> delegate,
			McpTracing tracing) implements McpRequestHandler<T> {

		@Override
		public Mono<T> handle(McpAsyncServerExchange exchange, Object params) {
			return Mono.defer(() -> {
				McpCall call = this.tracing.startServer(this.method, null, McpMessages.asMap(params, null),
						peer(exchange.sessionId(), null));
				return traced(call, this.delegate.handle(exchange, params));
			});
		}

	}

	private record TracingNotificationHandler(String method, McpNotificationHandler delegate,
			McpTracing tracing) implements McpNotificationHandler {

		@Override
		public Mono<Void> handle(McpAsyncServerExchange exchange, Object params) {
			return Mono.defer(() -> {
				McpCall call = this.tracing.startServer(this.method, null, McpMessages.asMap(params, null),
						peer(exchange.sessionId(), null));
				return traced(call, this.delegate.handle(exchange, params));
			});
		}

	}

	private record TracingInitHandler(McpStreamableServerSession.InitRequestHandler delegate,
			McpTracing tracing) implements McpStreamableServerSession.InitRequestHandler {

		@Override
		public Mono<McpSchema.InitializeResult> handle(McpSchema.InitializeRequest request) {
			return Mono.defer(() -> {
				McpCall call = this.tracing.startServer(McpSchema.METHOD_INITIALIZE, null,
						McpMessages.asMap(request, null), peer(null, null));
				Mono<McpSchema.InitializeResult> handled = this.delegate.handle(request);
				if (call != null) {
					handled = handled.doOnNext((result) -> call.operation()
						.setIfPresent(Ag2Attributes.MCP_PROTOCOL_VERSION, result.protocolVersion()));
				}
				return traced(call, handled);
			});
		}

	}

}
