package ai.ag2.tracing.internal.mcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.context.SpanKey;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import ai.ag2.tracing.internal.web.InboundBaggagePolicy;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.NetworkAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The rules of MCP tracing, in one place, for every adapter (the client transport, the server
 * sessions and handlers): which span a message gets (DESIGN §12), what it carries, and the trace
 * context in {@code params._meta}.
 * <ul>
 * <li>A client's {@code tools/call} is a tool operation, {@code tools/call {tool}} CLIENT; inside
 * another instrumentation's tool span (ag2's {@code @Tool}, Spring AI's tool call) its attributes
 * go on that span instead, for the first MCP tool call made in it. Every other request and
 * notification is an {@code mcp} operation, {@code {method} {target}} CLIENT.</li>
 * <li>A server opens an {@code mcp} SERVER span per request and notification, parented from
 * {@code _meta} and linked to the transport's context (the HTTP request's span) when both exist;
 * only the baggage entries the application accepts from callers are kept.</li>
 * </ul>
 * Nothing here throws into the MCP SDK: a failure is reported and the message goes untraced.
 * <p>
 * Internal API: may change without notice.
 */
public final class McpTracing {

	/** {@link Operation#instrumentation()} of MCP operations. */
	public static final String INSTRUMENTATION = "mcp";

	private static final TextMapGetter<Map<?, ?>> META_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<?, ?> carrier) {
			return carrier.keySet().stream().map(String::valueOf).toList();
		}

		@Override
		public @Nullable String get(@Nullable Map<?, ?> carrier, String key) {
			Object value = (carrier != null) ? carrier.get(key) : null;
			return (value instanceof String text) ? text : null;
		}

	};

	private final Ag2Operations operations;

	private final TextMapPropagator propagator;

	private final Set<String> acceptedBaggageKeys;

	private final boolean acceptsAllBaggage;

	// Tool spans of other instrumentations an MCP tool call has merged into: a second call is its own
	private final Map<Span, Boolean> mergedToolSpans = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * @param propagator the application's propagators ({@code OpenTelemetry.getPropagators()})
	 * @param baggagePolicy which baggage entries of a caller a server keeps
	 */
	public McpTracing(Ag2Operations operations, TextMapPropagator propagator, InboundBaggagePolicy baggagePolicy) {
		this.operations = operations;
		this.propagator = propagator;
		this.acceptedBaggageKeys = baggagePolicy.acceptedKeys();
		this.acceptsAllBaggage = this.acceptedBaggageKeys.contains(InboundBaggagePolicy.ANY_KEY);
	}

	Ag2Operations operations() {
		return this.operations;
	}

	/** {@code transport}, traced; a traced transport is returned as it is. */
	public McpClientTransport trace(McpClientTransport transport) {
		if (transport instanceof TracingClientTransport) {
			return transport;
		}
		return new TracingClientTransport(transport, this, networkTransportOf(transport));
	}

	/** {@code provider} (stdio, SSE), traced; a traced provider is returned as it is. */
	public McpServerTransportProvider trace(McpServerTransportProvider provider) {
		if (provider instanceof TracingServerTransportProvider) {
			return provider;
		}
		return new TracingServerTransportProvider(provider, this);
	}

	/** {@code provider} (streamable HTTP), traced; a traced provider is returned as it is. */
	public McpStreamableServerTransportProvider trace(McpStreamableServerTransportProvider provider) {
		if (provider instanceof TracingStreamableServerTransportProvider) {
			return provider;
		}
		return new TracingStreamableServerTransportProvider(provider, this);
	}

	/** {@code transport} (stateless HTTP), traced; a traced transport is returned as it is. */
	public McpStatelessServerTransport trace(McpStatelessServerTransport transport) {
		if (transport instanceof TracingStatelessServerTransport) {
			return transport;
		}
		return new TracingStatelessServerTransport(transport, this);
	}

	static String networkTransportOf(Object transport) {
		return (transport instanceof StdioClientTransport) ? Ag2Attributes.NETWORK_TRANSPORT_PIPE
				: Ag2Attributes.NETWORK_TRANSPORT_TCP;
	}

	/**
	 * Start the span of a message a client sends.
	 * @param id the request's JSON-RPC id, {@code null} for a notification
	 * @param params the message's parameters as a map, if any
	 * @param parent the context the message is sent in
	 * @return the call, or {@code null} when it goes untraced
	 */
	@Nullable McpCall startClient(String method, @Nullable Object id, @Nullable Map<String, Object> params,
			Context parent, ClientPeer peer) {
		try {
			boolean toolCall = McpSchema.METHOD_TOOLS_CALL.equals(method);
			Operation operation = new Operation(toolCall ? Ag2SpanType.TOOL : Ag2SpanType.MCP, parent, INSTRUMENTATION);
			String target = McpMessages.targetOf(method, params);
			operation.setSpanName(McpMessages.spanName(method, target));
			operation.setKind(SpanKind.CLIENT);
			if (toolCall) {
				operation.setToolName(target);
				operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_NAME, target);
				Span outer = SpanKey.TOOL.openByOther(parent, INSTRUMENTATION);
				if (outer != null && this.mergedToolSpans.putIfAbsent(outer, Boolean.TRUE) != null) {
					operation.setMergeable(false);
				}
				McpCall.recordArguments(operation, params, this.operations.content());
			}
			else if (McpSchema.METHOD_PROMPT_GET.equals(method)) {
				operation.setIfPresent(Ag2Attributes.GEN_AI_PROMPT_NAME, target);
			}
			common(operation, method, id, params);
			operation.setAttribute(NetworkAttributes.NETWORK_TRANSPORT, peer.networkTransport());
			operation.setIfPresent(Ag2Attributes.MCP_PROTOCOL_VERSION, peer.protocolVersion());
			operation.setIfPresent(Ag2Attributes.AG2_MCP_SERVER_NAME, peer.serverName());
			operation.setIfPresent(Ag2Attributes.AG2_MCP_SERVER_VERSION, peer.serverVersion());
			if (!this.operations.start(operation)) {
				return null;
			}
			return new McpCall(this.operations, operation, method, parent);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting the span of an MCP " + method + " message", ex);
			return null;
		}
	}

	/** The trace context fields of {@code call}, for its {@code params._meta}. */
	Map<String, String> metaFields(McpCall call) {
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			this.propagator.inject(call.context(), fields, (carrier, key, value) -> {
				if (carrier != null) {
					carrier.put(key, value);
				}
			});
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("writing the trace context of an MCP message", ex);
		}
		return fields;
	}

	/**
	 * Start the SERVER span of a request or notification a server handles, in the current context
	 * (the transport's: the HTTP request's span, or none over stdio).
	 * @param id the request's JSON-RPC id, if the handler knows it
	 * @return the call, or {@code null} when it goes untraced
	 */
	@Nullable McpCall startServer(String method, @Nullable Object id, @Nullable Map<?, ?> params, ServerPeer peer) {
		try {
			Context ambient = Context.current();
			SpanContext ambientSpan = Span.fromContext(ambient).getSpanContext();
			Context parent = callerContext(ambient, McpMessages.metaOf(params));
			SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
			Operation operation = new Operation(Ag2SpanType.MCP, parent, INSTRUMENTATION);
			String target = McpMessages.targetOf(method, params);
			operation.setSpanName(McpMessages.spanName(method, target));
			operation.setKind(SpanKind.SERVER);
			if (McpSchema.METHOD_TOOLS_CALL.equals(method)) {
				operation.setOperationName(Ag2SpanType.TOOL.operationName());
				operation.setToolName(target);
				operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_NAME, target);
				McpCall.recordArguments(operation, params, this.operations.content());
			}
			else if (McpSchema.METHOD_PROMPT_GET.equals(method)) {
				operation.setIfPresent(Ag2Attributes.GEN_AI_PROMPT_NAME, target);
			}
			common(operation, method, id, params);
			operation.setAttribute(NetworkAttributes.NETWORK_TRANSPORT, peer.networkTransport());
			operation.setIfPresent(Ag2Attributes.MCP_SESSION_ID, peer.sessionId());
			operation.setIfPresent(Ag2Attributes.MCP_PROTOCOL_VERSION, peer.protocolVersion());
			HttpPeer.record(operation);
			if (ambientSpan.isValid() && !ambientSpan.equals(parentSpan)) {
				// the MCP caller is the parent; the transport's own span (the HTTP request) is linked
				operation.addLink(ambientSpan, Attributes.empty());
			}
			if (!this.operations.start(operation)) {
				return null;
			}
			return new McpCall(this.operations, operation, method, parent);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting the span of an MCP " + method + " request", ex);
			return null;
		}
	}

	private static void common(Operation operation, String method, @Nullable Object id, @Nullable Map<?, ?> params) {
		operation.setAttribute(Ag2Attributes.MCP_METHOD_NAME, method);
		operation.setIfPresent(Ag2Attributes.JSONRPC_REQUEST_ID, McpMessages.idOf(id));
		operation.setIfPresent(Ag2Attributes.MCP_RESOURCE_URI, McpMessages.resourceUriOf(method, params));
	}

	/**
	 * {@code ambient} under the caller's span from {@code meta} when it names one, with the
	 * caller's baggage entries the application accepts added to the ambient baggage.
	 */
	private Context callerContext(Context ambient, @Nullable Map<?, ?> meta) {
		if (meta == null || meta.isEmpty()) {
			return ambient;
		}
		Context extracted;
		try {
			extracted = this.propagator.extract(Context.root(), meta, META_GETTER);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the trace context of an MCP request", ex);
			return ambient;
		}
		Context parent = ambient;
		Span caller = Span.fromContext(extracted);
		if (caller.getSpanContext().isValid()) {
			parent = parent.with(caller);
		}
		Baggage received = Baggage.fromContext(extracted);
		if (!received.isEmpty()) {
			BaggageBuilder kept = Baggage.fromContext(ambient).toBuilder();
			boolean any = false;
			for (Map.Entry<String, io.opentelemetry.api.baggage.BaggageEntry> entry : received.asMap().entrySet()) {
				if (this.acceptsAllBaggage || this.acceptedBaggageKeys.contains(entry.getKey())) {
					kept.put(entry.getKey(), entry.getValue().getValue(), entry.getValue().getMetadata());
					any = true;
				}
			}
			if (any) {
				parent = parent.with(kept.build());
			}
		}
		return parent;
	}

	/** What a client's spans say of the server it talks to, as far as it is known. */
	interface ClientPeer {

		String networkTransport();

		@Nullable String protocolVersion();

		@Nullable String serverName();

		@Nullable String serverVersion();

	}

	/** What a server's spans say of the session a request belongs to. */
	record ServerPeer(String networkTransport, @Nullable String sessionId, @Nullable String protocolVersion) {
	}

}
