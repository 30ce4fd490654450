package ai.ag2.tracing.internal.mcp;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.InstrumentationFailures;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An MCP server session (stdio, SSE) that traces what it handles: a SERVER span per request and
 * notification, open while the SDK's session handles it (the handler of a synchronous server with
 * immediate execution runs inside it), ended by the answer the session sends. It stands for the
 * session the SDK's factory made, to which it delegates every method.
 * <p>
 * Only used when it overrides every public method of the SDK's {@link McpServerSession} (checked
 * once): a session method added by a later SDK would otherwise run on this object's own unused
 * state, so such an SDK's sessions are left untraced, with one warning.
 */
final class TracedServerSession extends McpServerSession {

	private static final boolean SUPPORTED = overridesEveryMethod();

	private final McpServerSession delegate;

	private final SessionTransport transport;

	private final McpTracing tracing;

	private final boolean stdio;

	private volatile @Nullable String protocolVersion;

	private TracedServerSession(McpServerSession delegate, SessionTransport transport, McpTracing tracing,
			boolean stdio) {
		super(delegate.getId(), Duration.ZERO, transport, (request) -> Mono.empty(), Map.of(), Map.of());
		this.delegate = delegate;
		this.transport = transport;
		this.tracing = tracing;
		this.stdio = stdio;
	}

	/** {@code factory}'s sessions, traced. */
	static McpServerSession.Factory factory(McpServerSession.Factory factory, McpTracing tracing, boolean stdio) {
		if (factory instanceof TracingFactory) {
			return factory;
		}
		if (!SUPPORTED) {
			InstrumentationFailures.warnOnce("mcp-server-session", "ag2-tracing: this MCP SDK's McpServerSession has "
					+ "methods ag2-tracing does not know; MCP stdio and SSE servers are not traced");
			return factory;
		}
		return new TracingFactory(factory, tracing, stdio);
	}

	private static boolean overridesEveryMethod() {
		for (Method method : McpServerSession.class.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class
					|| method.isDefault()) {
				continue;
			}
			try {
				Method own = TracedServerSession.class.getMethod(method.getName(), method.getParameterTypes());
				if (own.getDeclaringClass() != TracedServerSession.class) {
					return false;
				}
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}
		return true;
	}

	@Override
	public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
		McpCall call = null;
		try {
			if (message instanceof McpSchema.JSONRPCRequest request) {
				call = this.tracing.startServer(request.method(), request.id(),
						McpMessages.asMap(request.params(), this.transport), peer());
				if (call != null && request.id() != null) {
					this.transport.expect(request.id(), call);
				}
			}
			else if (message instanceof McpSchema.JSONRPCNotification notification) {
				call = this.tracing.startServer(notification.method(), null,
						McpMessages.asMap(notification.params(), this.transport), peer());
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an MCP message a server handles", ex);
		}
		if (call == null) {
			return this.delegate.handle(message);
		}
		McpCall traced = call;
		Object id = (message instanceof McpSchema.JSONRPCRequest request) ? request.id() : null;
		return ScopedMono.of(this.delegate.handle(message), traced.context())
			.doOnError((failure) -> traced.endWithFailure(failure, false))
			.doFinally((signal) -> {
				if (id != null) {
					this.transport.forget(id);
				}
				traced.end();
			});
	}

	private McpTracing.ServerPeer peer() {
		return new McpTracing.ServerPeer(
				this.stdio ? Ag2Attributes.NETWORK_TRANSPORT_PIPE : Ag2Attributes.NETWORK_TRANSPORT_TCP,
				this.stdio ? null : this.delegate.getId(), this.protocolVersion);
	}

	@Override
	public String getId() {
		return this.delegate.getId();
	}

	@Override
	public void init(McpSchema.ClientCapabilities clientCapabilities, McpSchema.Implementation clientInfo) {
		this.delegate.init(clientCapabilities, clientInfo);
	}

	@Override
	public void setMinLoggingLevel(McpSchema.LoggingLevel minLoggingLevel) {
		this.delegate.setMinLoggingLevel(minLoggingLevel);
	}

	@Override
	public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel loggingLevel) {
		return this.delegate.isNotificationForLevelAllowed(loggingLevel);
	}

	@Override
	public <T> Mono<T> sendRequest(String method, Object requestParams, TypeRef<T> typeRef) {
		return this.delegate.sendRequest(method, requestParams, typeRef);
	}

	@Override
	public Mono<Void> sendNotification(String method, Object params) {
		return this.delegate.sendNotification(method, params);
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private record TracingFactory(McpServerSession.Factory delegate, McpTracing tracing, boolean stdio)
			implements McpServerSession.Factory {

		@Override
		public McpServerSession create(McpServerTransport sessionTransport) {
			SessionTransport traced = new SessionTransport(sessionTransport);
			McpServerSession session = this.delegate.create(traced);
			TracedServerSession tracedSession = new TracedServerSession(session, traced, this.tracing, this.stdio);
			traced.session = tracedSession;
			return tracedSession;
		}

	}

	/** The session's transport: the answer to a traced request ends its span. */
	private static final class SessionTransport implements McpServerTransport {

		private final McpServerTransport delegate;

		private final Map<Object, McpCall> calls = new ConcurrentHashMap<>();

		private volatile @Nullable TracedServerSession session;

		SessionTransport(McpServerTransport delegate) {
			this.delegate = delegate;
		}

		void expect(Object id, McpCall call) {
			this.calls.put(id, call);
		}

		void forget(Object id) {
			this.calls.remove(id);
		}

		@Override
		public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
			if (message instanceof McpSchema.JSONRPCResponse response && response.id() != null) {
				McpCall call = this.calls.remove(response.id());
				if (call != null) {
					answered(call, response);
				}
			}
			return this.delegate.sendMessage(message);
		}

		private void answered(McpCall call, McpSchema.JSONRPCResponse response) {
			try {
				TracedServerSession owner = this.session;
				if (owner != null && McpSchema.METHOD_INITIALIZE.equals(call.method())
						&& response.result() instanceof McpSchema.InitializeResult result) {
					owner.protocolVersion = result.protocolVersion();
					call.operation().setIfPresent(Ag2Attributes.MCP_PROTOCOL_VERSION, result.protocolVersion());
				}
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("reading an MCP server's initialize answer", ex);
			}
			call.endWith(response);
		}

		@Override
		public Mono<Void> closeGracefully() {
			return this.delegate.closeGracefully();
		}

		@Override
		public void close() {
			this.delegate.close();
		}

		@Override
		public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
			return this.delegate.unmarshalFrom(data, typeRef);
		}

		@Override
		public List<String> protocolVersions() {
			return this.delegate.protocolVersions();
		}

	}

}
