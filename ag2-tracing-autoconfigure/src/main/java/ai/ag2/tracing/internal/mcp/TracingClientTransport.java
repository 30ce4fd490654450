package ai.ag2.tracing.internal.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncOutcome;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * An MCP client transport that traces every message the client sends (DESIGN §12) and delegates
 * everything to the transport it wraps. A request's span starts when it is sent, with the trace
 * context in its {@code params._meta}, and ends when its answer arrives (its result, its JSON-RPC
 * error), when sending fails, when the transport closes, or, unanswered, after
 * {@link #UNANSWERED_AFTER}; a notification's ends once it is sent. The answer to
 * {@code initialize} gives the spans that follow the protocol version and the server's name and
 * version.
 * <p>
 * The parent of a message's span is the context the SDK sends it in: the caller's, carried in the
 * Reactor context by ag2's subscribers, else the current one. The wrapped transport sends the
 * message with its span current. While the SDK reacts to a message sent or an answer (the request
 * that waited for {@code initialize} is sent then, on the transport's thread), the context the
 * message was sent in is current again, so that request keeps its caller.
 */
final class TracingClientTransport implements McpClientTransport, McpTracing.ClientPeer {

	/** How long a request may wait for its answer before its span ends as {@code timeout}. */
	static final Duration UNANSWERED_AFTER = Duration.ofMinutes(5);

	static final String UNANSWERED = "timeout";

	private final McpClientTransport delegate;

	private final McpTracing tracing;

	private final String networkTransport;

	private final Map<Object, Pending> pending = new ConcurrentHashMap<>();

	private volatile @Nullable String protocolVersion;

	private volatile @Nullable String serverName;

	private volatile @Nullable String serverVersion;

	TracingClientTransport(McpClientTransport delegate, McpTracing tracing, String networkTransport) {
		this.delegate = delegate;
		this.tracing = tracing;
		this.networkTransport = networkTransport;
	}

	McpClientTransport delegate() {
		return this.delegate;
	}

	@Override
	public String networkTransport() {
		return this.networkTransport;
	}

	@Override
	public @Nullable String protocolVersion() {
		return this.protocolVersion;
	}

	@Override
	public @Nullable String serverName() {
		return this.serverName;
	}

	@Override
	public @Nullable String serverVersion() {
		return this.serverVersion;
	}

	@Override
	public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
		return this.delegate.connect((incoming) -> incoming.flatMap((message) -> {
			Context answered = received(message);
			Mono<McpSchema.JSONRPCMessage> handled = handler.apply(Mono.just(message));
			return (answered != null) ? ScopedMono.of(handled, answered) : handled;
		}));
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
		if (message instanceof McpSchema.JSONRPCResponse) {
			// the client's answer to a server's request (sampling, elicitation, roots)
			return this.delegate.sendMessage(message);
		}
		return Mono.deferContextual((view) -> send(message, view));
	}

	private Mono<Void> send(McpSchema.JSONRPCMessage message, ContextView view) {
		McpCall call = null;
		McpSchema.JSONRPCMessage traced = message;
		try {
			String method;
			Object id = null;
			Object params;
			if (message instanceof McpSchema.JSONRPCRequest request) {
				method = request.method();
				id = request.id();
				params = request.params();
			}
			else if (message instanceof McpSchema.JSONRPCNotification notification) {
				method = notification.method();
				params = notification.params();
			}
			else {
				return this.delegate.sendMessage(message);
			}
			Map<String, Object> map = McpMessages.asMap(params, this.delegate);
			call = this.tracing.startClient(method, id, map, parentOf(view), this);
			if (call == null) {
				return this.delegate.sendMessage(message);
			}
			Map<String, Object> withMeta = McpMessages.withMeta(map, this.tracing.metaFields(call));
			traced = (message instanceof McpSchema.JSONRPCRequest request)
					? new McpSchema.JSONRPCRequest(request.jsonrpc(), method, id, withMeta)
					: new McpSchema.JSONRPCNotification(((McpSchema.JSONRPCNotification) message).jsonrpc(), method,
							withMeta);
			if (id != null) {
				this.pending.put(id, new Pending(call, unansweredTimer(id)));
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an MCP message a client sends", ex);
			if (call != null) {
				call.end();
			}
			return this.delegate.sendMessage(message);
		}
		McpCall sent = call;
		Object id = (message instanceof McpSchema.JSONRPCRequest request) ? request.id() : null;
		McpTransportContext outer = view.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY);
		Mono<Void> sending = ScopedMono.of(this.delegate.sendMessage(traced)
			.contextWrite((context) -> context.put(McpTransportContext.KEY, new CallTransportContext(outer, sent))),
				sent.context());
		// sent in the call's context; what the SDK does once it is sent (the request that waited for initialize) in the caller's
		return ScopedMono.of(sending, sent.parentContext())
			.doOnSuccess((ignored) -> {
				if (id == null) {
					sent.end();
				}
			})
			.doOnError((failure) -> {
				if (id != null) {
					answered(id);
				}
				sent.endWithFailure(failure, false);
			});
	}

	private Disposable unansweredTimer(Object id) {
		return Schedulers.parallel().schedule(() -> {
			Pending waiting = this.pending.remove(id);
			if (waiting != null) {
				waiting.call().endWithoutAnswer(UNANSWERED, "no answer within " + UNANSWERED_AFTER);
			}
		}, UNANSWERED_AFTER.toMillis(), TimeUnit.MILLISECONDS);
	}

	// The caller's context: carried in the Reactor context by ag2's subscribers, else the current one
	private static Context parentOf(ContextView view) {
		Object carried = view.getOrDefault(AsyncOutcome.REACTOR_CONTEXT_KEY, null);
		return (carried instanceof Context context) ? context : Context.current();
	}

	/** End the span of the request {@code message} answers; the context it was sent in, if any. */
	private @Nullable Context received(McpSchema.JSONRPCMessage message) {
		try {
			if (!(message instanceof McpSchema.JSONRPCResponse response) || response.id() == null) {
				return null;
			}
			McpCall call = answered(response.id());
			if (call == null) {
				return null;
			}
			if (McpSchema.METHOD_INITIALIZE.equals(call.method()) && response.error() == null) {
				initialized(response.result(), call);
			}
			call.endWith(response);
			return call.parentContext();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing the answer to an MCP request", ex);
			return null;
		}
	}

	private @Nullable McpCall answered(Object id) {
		Pending waiting = this.pending.remove(id);
		if (waiting == null) {
			return null;
		}
		waiting.timer().dispose();
		return waiting.call();
	}

	private void initialized(@Nullable Object result, McpCall call) {
		Map<String, Object> map = McpMessages.asMap(result, this.delegate);
		if (map == null) {
			return;
		}
		if (map.get("protocolVersion") instanceof String version) {
			this.protocolVersion = version;
			call.operation().setIfPresent(ai.ag2.tracing.Ag2Attributes.MCP_PROTOCOL_VERSION, version);
		}
		if (map.get("serverInfo") instanceof Map<?, ?> info) {
			this.serverName = (info.get("name") instanceof String name) ? name : null;
			this.serverVersion = (info.get("version") instanceof String version) ? version : null;
			call.operation().setIfPresent(ai.ag2.tracing.Ag2Attributes.AG2_MCP_SERVER_NAME, this.serverName);
			call.operation().setIfPresent(ai.ag2.tracing.Ag2Attributes.AG2_MCP_SERVER_VERSION, this.serverVersion);
		}
	}

	// Requests still waiting when the transport closes will never have an answer
	private void closed() {
		for (Object id : List.copyOf(this.pending.keySet())) {
			McpCall call = answered(id);
			if (call != null) {
				call.endWithoutAnswer("closed", "MCP transport closed before the answer arrived");
			}
		}
	}

	@Override
	public void setExceptionHandler(Consumer<Throwable> handler) {
		this.delegate.setExceptionHandler(handler);
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully().doFinally((signal) -> closed());
	}

	@Override
	public void close() {
		try {
			this.delegate.close();
		}
		finally {
			closed();
		}
	}

	@Override
	public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
		return this.delegate.unmarshalFrom(data, typeRef);
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

	@Override
	public String toString() {
		return "ag2-traced " + this.delegate;
	}

	private record Pending(McpCall call, Disposable timer) {
	}

	/**
	 * The transport context of one traced message: the SDK's (the sync client's provided
	 * context) with the call, which ag2's HTTP request customizer reads.
	 */
	record CallTransportContext(McpTransportContext outer, McpCall call) implements McpTransportContext {

		static final String CALL = "ai.ag2.tracing.mcp.call";

		@Override
		public @Nullable Object get(String key) {
			return CALL.equals(key) ? this.call : this.outer.get(key);
		}

	}

}
