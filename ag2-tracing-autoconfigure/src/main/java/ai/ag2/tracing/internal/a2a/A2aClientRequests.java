package ai.ag2.tracing.internal.a2a;

import java.net.URI;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import io.a2a.spec.AgentCard;
import io.a2a.spec.JSONRPCRequest;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskQueryParams;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * What ag2 does with each request of the A2A client, on the thread that makes it (the SDK calls
 * its interceptors there, before the request goes out, for every transport and for streamed
 * requests too):
 * <ul>
 * <li>inside a trace, the propagation fields of {@link HttpClientTracing#fields} are <em>set</em>
 * in the request's headers, replacing any header of the same name in any letter case (a
 * {@code traceparent} the caller put in its {@code ClientCallContext} included), so that the
 * request carries one {@code traceparent}; a {@code tracestate} of another trace is removed;
 * outside a trace the headers are left as they are;</li>
 * <li>inside a remote agent's span ({@code @Agent(remote = true)}, the innermost ag2 span), the
 * agent card's host and port, {@code a2a.method.name}, {@code jsonrpc.request.id} and the ids
 * the request names go on that span; with content capture on, the message sent as
 * {@code gen_ai.input.messages}.</li>
 * </ul>
 * A span that makes several requests (an extended card, then {@code message/send}, then
 * {@code tasks/get}) keeps the method and request id of its first {@code message/*} request, or of
 * its first request when it sends no message. Nothing here throws into the caller.
 * <p>
 * Internal API: may change without notice.
 */
public final class A2aClientRequests {

	private static final String TRACEPARENT = "traceparent";

	private static final String TRACESTATE = "tracestate";

	private static final String MESSAGE_METHOD_PREFIX = "message/";

	private final @Nullable HttpClientTracing httpClientTracing;

	private final ContentCapture content;

	// The remote agent spans that have their method, and whether it is a message/* one; weak: a
	// frame goes with its operation's context.
	private final Map<Ag2Frame, Boolean> methods = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * @param httpClientTracing the trace on the wire; {@code null} when client propagation is off
	 * (then no header is set)
	 * @param content the content capture settings
	 */
	public A2aClientRequests(@Nullable HttpClientTracing httpClientTracing, ContentCapture content) {
		this.httpClientTracing = httpClientTracing;
		this.content = content;
	}

	/**
	 * The headers to send with a request of the A2A client made in the current context.
	 * @param methodName the A2A method ({@code message/send}, …)
	 * @param payload the request the SDK is about to send (a JSON-RPC request, or the REST and
	 * gRPC transports' protobuf message)
	 * @param headers the headers so far
	 * @param agentCard the agent card of the server, if known
	 * @return the headers to send: {@code headers} itself when nothing is to change
	 */
	public Map<String, String> intercept(String methodName, @Nullable Object payload, Map<String, String> headers,
			@Nullable AgentCard agentCard) {
		Context context = Context.current();
		try {
			recordOnRemoteAgent(context, methodName, payload, agentCard);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording an A2A request on its remote agent span", ex);
		}
		try {
			return withTraceContext(headers, context);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("sending the trace context with an A2A request", ex);
			return headers;
		}
	}

	private Map<String, String> withTraceContext(Map<String, String> headers, Context context) {
		HttpClientTracing tracing = this.httpClientTracing;
		if (tracing == null || !Span.fromContext(context).getSpanContext().isValid()) {
			return headers;
		}
		Map<String, String> fields = tracing.fields(context);
		if (fields.isEmpty()) {
			return headers;
		}
		Map<String, String> result = new LinkedHashMap<>(headers);
		Set<String> replaced = new HashSet<>();
		for (String name : fields.keySet()) {
			replaced.add(name.toLowerCase(Locale.ROOT));
		}
		if (replaced.contains(TRACEPARENT) && !replaced.contains(TRACESTATE)) {
			// a tracestate set earlier belongs to another traceparent
			replaced.add(TRACESTATE);
		}
		for (Iterator<String> names = result.keySet().iterator(); names.hasNext();) {
			String name = names.next();
			if (name != null && replaced.contains(name.toLowerCase(Locale.ROOT))) {
				names.remove();
			}
		}
		result.putAll(fields);
		return result;
	}

	private void recordOnRemoteAgent(Context context, String methodName, @Nullable Object payload,
			@Nullable AgentCard agentCard) {
		Ag2Frame frame = Ag2Frame.from(context);
		if (frame == null || !frame.isRemoteAgent()) {
			return;
		}
		Span span = frame.span();
		if (agentCard != null) {
			recordServer(span, agentCard.url());
		}
		if (methodName != null && claimMethod(frame, methodName)) {
			span.setAttribute(Ag2Attributes.A2A_METHOD_NAME, methodName);
			if (payload instanceof JSONRPCRequest<?> request && request.getId() != null) {
				span.setAttribute(Ag2Attributes.JSONRPC_REQUEST_ID, String.valueOf(request.getId()));
			}
		}
		Object params = (payload instanceof JSONRPCRequest<?> request) ? request.getParams() : null;
		if (params instanceof MessageSendParams send && send.message() != null) {
			setIfPresent(span, Ag2Attributes.GEN_AI_CONVERSATION_ID, send.message().getContextId());
			setIfPresent(span, Ag2Attributes.A2A_TASK_ID, send.message().getTaskId());
			if (this.content.isEnabled()) {
				GenAiMessage sent = A2aMessages.of(send.message());
				if (sent != null) {
					span.setAttribute(Ag2Attributes.GEN_AI_INPUT_MESSAGES, this.content.json(List.of(sent)));
				}
			}
		}
		else if (params instanceof TaskIdParams task) {
			setIfPresent(span, Ag2Attributes.A2A_TASK_ID, task.id());
		}
		else if (params instanceof TaskQueryParams task) {
			setIfPresent(span, Ag2Attributes.A2A_TASK_ID, task.id());
		}
	}

	// The first message/* request names the span's method, else the first request.
	private boolean claimMethod(Ag2Frame frame, String methodName) {
		boolean message = methodName.startsWith(MESSAGE_METHOD_PREFIX);
		synchronized (this.methods) {
			Boolean recorded = this.methods.get(frame);
			if (recorded == null || (message && !recorded)) {
				this.methods.put(frame, message);
				return true;
			}
			return false;
		}
	}

	private static void recordServer(Span span, @Nullable String url) {
		if (url == null || url.isEmpty()) {
			return;
		}
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		if (uri.getHost() == null) {
			return;
		}
		span.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
		int port = portOf(uri);
		if (port > 0) {
			span.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
		}
	}

	private static int portOf(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		String scheme = uri.getScheme();
		if ("https".equalsIgnoreCase(scheme) || "grpcs".equalsIgnoreCase(scheme)) {
			return 443;
		}
		return "http".equalsIgnoreCase(scheme) ? 80 : -1;
	}

	private static void setIfPresent(Span span, AttributeKey<String> key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			span.setAttribute(key, value);
		}
	}

}
