package ai.ag2.tracing.internal.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.SpanOutcome;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.SpanKey;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for every HTTP client an agent uses (RestClient, RestTemplate, WebClient,
 * the JDK {@code HttpClient}, OkHttp, a library's own client): each adapter hands one outbound
 * exchange to {@link #start}, sets the headers {@link Exchange#inject} gives, and ends the
 * exchange. The rules live here once:
 * <ul>
 * <li>outside a trace nothing is sent and no span opened;</li>
 * <li>the endpoint's host and port go on the innermost remote agent span
 * ({@code server.address}/{@code server.port}) or the innermost LLM call's details;</li>
 * <li>when another instrumentation already opened the HTTP client span of this exchange
 * ({@link SpanKey#HTTP_CLIENT}, or Micrometer's HTTP client observation, which is current while
 * the client runs), the context is only injected: that span is the parent the server sees;</li>
 * <li>when the request already carries a {@code traceparent} of the current trace naming another
 * span than the current one, an instrumentation that does not make its span current (Micrometer's
 * OkHttp, JDK {@code HttpClient} and WebClient observations) has opened the exchange's span and
 * sent it: nothing is opened and nothing replaced;</li>
 * <li>otherwise a CLIENT span {@code {method}} is opened for the exchange (unless the OpenTelemetry
 * starter opens them), so that each call has its own parent span id;</li>
 * <li>every propagation header is <em>set</em>, never added: one {@code traceparent} per request,
 * and a {@code tracestate} set earlier is removed when the context has none, since it belonged to
 * another {@code traceparent}.</li>
 * </ul>
 * Nothing here throws into the caller: a failure is reported and the request goes as it was.
 * <p>
 * Internal API: may change without notice.
 */
public final class HttpClientTracing {

	/** {@link SpanKey#HTTP_CLIENT} instrumentation name of the client spans opened here. */
	public static final String INSTRUMENTATION = "ag2-http-client";

	/** The W3C header that names the parent span of the request. */
	public static final String TRACEPARENT = "traceparent";

	/** The W3C header of vendor state that belongs to the {@code traceparent} beside it. */
	public static final String TRACESTATE = "tracestate";

	private static final TextMapSetter<Map<String, String>> MAP_SETTER = (carrier, key, value) -> {
		if (carrier != null) {
			carrier.put(key, value);
		}
	};

	private final OpenTelemetry openTelemetry;

	private final Tracer tracer;

	private final boolean opensClientSpans;

	private final Supplier<Boolean> observedClientExchange;

	/**
	 * @param opensClientSpans whether to open a client span when no other instrumentation has
	 * @param observedClientExchange whether a Micrometer HTTP client observation is current (and
	 * so has opened the exchange's span)
	 */
	public HttpClientTracing(OpenTelemetry openTelemetry, Tracer tracer, boolean opensClientSpans,
			Supplier<Boolean> observedClientExchange) {
		this.openTelemetry = openTelemetry;
		this.tracer = tracer;
		this.opensClientSpans = opensClientSpans;
		this.observedClientExchange = observedClientExchange;
	}

	/** Start tracing an exchange in the current context. */
	public Exchange start(String method, @Nullable URI uri) {
		return start(method, uri, Context.current());
	}

	/**
	 * Start tracing an exchange made in {@code context}.
	 * @param method the HTTP method
	 * @param uri the request URI, if known
	 * @param context the context the request is made in
	 * @return the exchange; never {@code null}
	 */
	public Exchange start(String method, @Nullable URI uri, Context context) {
		return start(method, uri, context, null);
	}

	/**
	 * Start tracing an exchange made in {@code context} whose request may already carry a
	 * {@code traceparent}.
	 * @param method the HTTP method
	 * @param uri the request URI, if known
	 * @param context the context the request is made in
	 * @param sentTraceparent the request's {@code traceparent} header as it is now, if any
	 * @return the exchange; never {@code null}
	 */
	public Exchange start(String method, @Nullable URI uri, Context context, @Nullable String sentTraceparent) {
		try {
			recordServer(uri, context);
			SpanContext current = Span.fromContext(context).getSpanContext();
			if (!current.isValid()) {
				return new Exchange(context, null, false);
			}
			if (isSentByAnotherInstrumentation(sentTraceparent, current)) {
				return new Exchange(context, null, false);
			}
			if (!this.opensClientSpans || hasForeignClientSpan(context)) {
				return new Exchange(context, null, true);
			}
			SpanBuilder builder = this.tracer.spanBuilder(method)
				.setParent(context)
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
			if (uri != null && uri.getHost() != null) {
				builder.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
				int port = portOf(uri);
				if (port > 0) {
					builder.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
				}
				builder.setAttribute(UrlAttributes.URL_FULL, withoutQueryAndUserInfo(uri));
			}
			Span span = builder.startSpan();
			Context withSpan = SpanKey.HTTP_CLIENT.storeIn(context.with(span), span, INSTRUMENTATION);
			return new Exchange(withSpan, span, true);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an outbound HTTP request", ex);
			return new Exchange(context, null, false);
		}
	}

	/**
	 * Record the endpoint of an exchange whose client span and headers another instrumentation
	 * takes care of (the client this one wraps is observed itself): the host and port go on the
	 * remote agent span or the LLM call's details, nothing else is done.
	 */
	public void recordEndpoint(@Nullable URI uri, Context context) {
		try {
			recordServer(uri, context);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the endpoint of an outbound HTTP request", ex);
		}
	}

	/** The propagation fields for {@code context}, as the bean's propagators write them. */
	public Map<String, String> fields(Context context) {
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			this.openTelemetry.getPropagators().getTextMapPropagator().inject(context, fields, MAP_SETTER);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("writing the trace context of an outbound request", ex);
		}
		return fields;
	}

	// A traceparent of this trace naming a span other than the current one was written for this
	// exchange by an instrumentation that opened its span without making it current; a value of
	// another trace is a stale one the caller copied, and is replaced.
	private static boolean isSentByAnotherInstrumentation(@Nullable String traceparent, SpanContext current) {
		if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
				|| traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
			return false;
		}
		return traceparent.regionMatches(3, current.getTraceId(), 0, 32)
				&& !traceparent.regionMatches(36, current.getSpanId(), 0, 16);
	}

	private boolean hasForeignClientSpan(Context context) {
		if (SpanKey.HTTP_CLIENT.isCurrent(context)) {
			return true;
		}
		Ag2Frame frame = Ag2Frame.from(context);
		boolean ag2SpanIsCurrent = frame != null
				&& frame.span().getSpanContext().equals(Span.fromContext(context).getSpanContext());
		return !ag2SpanIsCurrent && Boolean.TRUE.equals(this.observedClientExchange.get());
	}

	private static void recordServer(@Nullable URI uri, Context context) {
		Ag2Frame frame = Ag2Frame.from(context);
		if (uri == null || frame == null || uri.getHost() == null) {
			return;
		}
		int port = portOf(uri);
		if (frame.isRemoteAgent()) {
			Span span = frame.span();
			span.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
			if (port > 0) {
				span.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
			}
		}
		else if (frame.type() == Ag2SpanType.LLM && frame.llmDetails() != null) {
			LlmCallDetails details = frame.llmDetails();
			synchronized (details) {
				if (details.getServerAddress() == null) {
					details.setServerAddress(uri.getHost());
					details.setServerPort((port > 0) ? (long) port : null);
				}
			}
		}
	}

	static int portOf(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		String scheme = uri.getScheme();
		if ("https".equalsIgnoreCase(scheme)) {
			return 443;
		}
		return "http".equalsIgnoreCase(scheme) ? 80 : -1;
	}

	private static String withoutQueryAndUserInfo(URI uri) {
		StringBuilder url = new StringBuilder();
		url.append(uri.getScheme()).append("://").append(uri.getHost());
		if (uri.getPort() != -1) {
			url.append(':').append(uri.getPort());
		}
		String path = uri.getRawPath();
		url.append((path != null) ? path : "");
		return url.toString();
	}

	/**
	 * One outbound exchange: the headers to send, and, when a client span was opened for it, the
	 * span to end with the response.
	 */
	public final class Exchange {

		private final Context context;

		private final @Nullable Span span;

		private final boolean propagates;

		Exchange(Context context, @Nullable Span span, boolean propagates) {
			this.context = context;
			this.span = span;
			this.propagates = propagates;
		}

		/** The context to make current while the request is sent (with the client span, if any). */
		public Context context() {
			return this.context;
		}

		/** Whether a client span was opened for this exchange (and must be ended). */
		public boolean hasSpan() {
			return this.span != null;
		}

		/**
		 * Whether {@link #inject} writes headers: the exchange is inside a trace and no other
		 * instrumentation has sent its own span for it already.
		 */
		public boolean propagates() {
			return this.propagates;
		}

		/** Set each propagation header through {@code setHeader} (replacing any value already there). */
		public void inject(BiConsumer<String, String> setHeader) {
			inject(setHeader, null);
		}

		/**
		 * Set each propagation header through {@code setHeader} (replacing any value already there)
		 * and, when {@code traceparent} is written without a {@code tracestate}, remove the
		 * {@code tracestate} set earlier through {@code removeHeader}: it belonged to another
		 * {@code traceparent}.
		 */
		public void inject(BiConsumer<String, String> setHeader, @Nullable Consumer<String> removeHeader) {
			if (!this.propagates) {
				return;
			}
			try {
				Map<String, String> fields = fields(this.context);
				fields.forEach(setHeader);
				if (removeHeader != null && fields.containsKey(TRACEPARENT) && !fields.containsKey(TRACESTATE)) {
					removeHeader.accept(TRACESTATE);
				}
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("sending the trace context with an outbound request", ex);
			}
		}

		/** End the exchange with the response status ({@code -1} if none) or the failure. */
		public void end(int status, @Nullable Throwable failure) {
			Span exchangeSpan = this.span;
			if (exchangeSpan == null) {
				return;
			}
			try {
				if (failure != null) {
					SpanOutcome.recordFailure(exchangeSpan, failure);
				}
				else if (status > 0) {
					exchangeSpan.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
					if (status >= 400) {
						exchangeSpan.setStatus(StatusCode.ERROR);
						exchangeSpan.setAttribute(ErrorAttributes.ERROR_TYPE, String.valueOf(status));
					}
				}
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("recording the outcome of an outbound request", ex);
			}
			finally {
				SpanOutcome.end(exchangeSpan);
			}
		}

	}

}
