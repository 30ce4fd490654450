package ai.ag2.tracing.a2a;

import java.util.Map;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.a2a.A2aClientRequests;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.client.transport.spi.interceptors.ClientCallInterceptor;
import io.a2a.client.transport.spi.interceptors.PayloadAndHeaders;
import io.a2a.spec.AgentCard;
import org.jspecify.annotations.Nullable;

/**
 * The A2A client's requests, traced: a bean of this type is in the context whenever the A2A Java
 * SDK's client is on the class path. Add it to the transport the client uses:
 * <pre>{@code
 * Client client = Client.builder(agentCard)
 *     .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfigBuilder().addInterceptor(ag2A2aClientInterceptor))
 *     .build();
 * }</pre>
 * (the REST and gRPC transports' config builders take it the same way). Every request made
 * inside a trace then carries the trace context ({@code traceparent}, {@code tracestate},
 * {@code baggage}: one of each, whatever the caller's {@code ClientCallContext} held), and a
 * request made inside an {@code @Agent(remote = true)} span records on it the agent card's
 * {@code server.address}/{@code server.port}, {@code a2a.method.name}, {@code jsonrpc.request.id}
 * and the context and task ids the request names. The reply's ids and task state come from what
 * the remote agent method returns (a {@code Task}, a {@code Message}, a status or artifact update
 * event, a client event, or a {@code CompletionStage} or {@code Publisher} of them).
 */
public final class Ag2A2aClientInterceptor extends ClientCallInterceptor {

	private final A2aClientRequests requests;

	/**
	 * @param requests what is done with each request
	 */
	public Ag2A2aClientInterceptor(A2aClientRequests requests) {
		this.requests = requests;
	}

	@Override
	public PayloadAndHeaders intercept(String methodName, @Nullable Object payload, Map<String, String> headers,
			AgentCard agentCard, @Nullable ClientCallContext clientCallContext) {
		Map<String, String> sent = headers;
		try {
			sent = this.requests.intercept(methodName, payload, (headers != null) ? headers : Map.of(), agentCard);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an A2A request", ex);
		}
		return new PayloadAndHeaders(payload, sent);
	}

}
