package ai.ag2.tracing.internal.http;

import java.io.IOException;
import java.net.URI;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for OkHttp: an {@link Interceptor} that hands each exchange to
 * {@link HttpClientTracing}. The exchange is made in the context of the request's
 * {@code Context} tag when it has one (what the caller tagged before {@code enqueue}, whose
 * interceptors run on OkHttp's dispatcher threads), else in the current context (a synchronous
 * {@code execute()} runs the interceptors on the caller's thread). Behind Micrometer's
 * {@code OkHttpObservationInterceptor} (added before this one) the observation's span and headers
 * are kept. A failure of the tracing never reaches the call: the request then goes as it was.
 * <p>
 * Internal API: may change without notice; users get it from {@code Ag2HttpClients}.
 */
public final class TraceContextOkHttpInterceptor implements Interceptor {

	private final HttpClientTracing tracing;

	public TraceContextOkHttpInterceptor(HttpClientTracing tracing) {
		this.tracing = tracing;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return chain.proceed(request);
		}
		Request sent = withHeaders(request, exchange);
		Response response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = chain.proceed(sent);
		}
		catch (IOException | RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		exchange.end(response.code(), null);
		return response;
	}

	private HttpClientTracing.@Nullable Exchange start(Request request) {
		try {
			Context tagged = request.tag(Context.class);
			Context context = (tagged != null) ? tagged : Context.current();
			URI uri = request.url().uri();
			return this.tracing.start(request.method(), uri, context, request.header(HttpClientTracing.TRACEPARENT));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an OkHttp request", ex);
			return null;
		}
	}

	private static Request withHeaders(Request request, HttpClientTracing.Exchange exchange) {
		if (!exchange.propagates()) {
			return request;
		}
		try {
			Request.Builder builder = request.newBuilder();
			exchange.inject(builder::header, builder::removeHeader);
			return builder.build();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("sending the trace context with an OkHttp request", ex);
			return request;
		}
	}

}
