package ai.ag2.tracing.internal.openai;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for the SDK, whatever transport it runs on (its OkHttp client, Spring AI's,
 * a custom one): the SDK's own {@link HttpClient} hook, installed under its retry, logging and
 * authentication layers so that each attempt is one exchange for {@link HttpClientTracing}. The
 * SDK keeps the transport a client was built with privately and offers no getter: it is read from
 * {@code ClientOptions.Builder} once per wrapped client; when an SDK version moves it, the client
 * stays as it was (reported once) and the trace headers still go out on the params of each call.
 * Closing is left to the client that was wrapped, which owns the transport.
 */
final class OpenAiTransport implements HttpClient {

	private static final @Nullable Field BUILDER_HTTP_CLIENT = builderHttpClientField();

	private final HttpClient delegate;

	private final HttpClientTracing tracing;

	private final InFlightCalls inFlight;

	private OpenAiTransport(HttpClient delegate, HttpClientTracing tracing, InFlightCalls inFlight) {
		this.delegate = delegate;
		this.tracing = tracing;
		this.inFlight = inFlight;
	}

	/** {@code client} with this transport under its own, or {@code client} itself when it cannot be. */
	static OpenAIClient install(OpenAIClient client, HttpClientTracing tracing, InFlightCalls inFlight) {
		try {
			return client.withOptions((options) -> replaceTransport(options, tracing, inFlight));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("installing the trace context transport of an OpenAI client", ex);
			return client;
		}
	}

	/** {@code client} with this transport under its own, or {@code client} itself when it cannot be. */
	static OpenAIClientAsync install(OpenAIClientAsync client, HttpClientTracing tracing, InFlightCalls inFlight) {
		try {
			return client.withOptions((options) -> replaceTransport(options, tracing, inFlight));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("installing the trace context transport of an OpenAI client", ex);
			return client;
		}
	}

	private static void replaceTransport(ClientOptions.Builder options, HttpClientTracing tracing,
			InFlightCalls inFlight) {
		Field field = BUILDER_HTTP_CLIENT;
		if (field == null) {
			throw new IllegalStateException("this OpenAI SDK keeps its transport where ag2-tracing does not look");
		}
		Object current;
		try {
			current = field.get(options);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		if (current instanceof HttpClient transport && !(current instanceof OpenAiTransport)) {
			options.httpClient(new OpenAiTransport(transport, tracing, inFlight));
		}
	}

	private static @Nullable Field builderHttpClientField() {
		try {
			Field field = ClientOptions.Builder.class.getDeclaredField("httpClient");
			if (!HttpClient.class.isAssignableFrom(field.getType())) {
				return null;
			}
			field.setAccessible(true);
			return field;
		}
		catch (Throwable ex) {
			return null;
		}
	}

	@Override
	public HttpResponse execute(HttpRequest request, RequestOptions requestOptions) {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return this.delegate.execute(request, requestOptions);
		}
		HttpRequest sent = withHeaders(request, exchange);
		HttpResponse response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = this.delegate.execute(sent, requestOptions);
		}
		catch (RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		exchange.end(response.statusCode(), null);
		return response;
	}

	@Override
	public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions requestOptions) {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return this.delegate.executeAsync(request, requestOptions);
		}
		HttpRequest sent = withHeaders(request, exchange);
		CompletableFuture<HttpResponse> response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = this.delegate.executeAsync(sent, requestOptions);
		}
		catch (RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		return Futures.afterCallback(response, (value, failure) -> {
			Throwable cause = (failure != null) ? AsyncEndStrategies.unwrap(failure) : null;
			exchange.end((value != null) ? value.statusCode() : -1, cause);
		});
	}

	@Override
	public void close() {
		// the wrapped client owns the transport and closes it (its phantom cleaner too)
	}

	private HttpClientTracing.@Nullable Exchange start(HttpRequest request) {
		try {
			List<String> traceparents = request.headers().values(HttpClientTracing.TRACEPARENT);
			Context context = Context.current();
			if (!Span.fromContext(context).getSpanContext().isValid() && !traceparents.isEmpty()) {
				Context inFlight = this.inFlight.find(traceparents);
				context = (inFlight != null) ? inFlight : context;
			}
			return this.tracing.start(request.method().name(), uri(request), context,
					traceparents.isEmpty() ? null : traceparents.get(0));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing an OpenAI SDK request", ex);
			return null;
		}
	}

	// HttpRequest.url() is newer than the SDK's 4.0; the path and host are all the tracing needs.
	private static @Nullable URI uri(HttpRequest request) {
		String base = request.baseUrl();
		StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		for (String segment : request.pathSegments()) {
			url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		try {
			return URI.create(url.toString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static HttpRequest withHeaders(HttpRequest request, HttpClientTracing.Exchange exchange) {
		if (!exchange.propagates()) {
			return request;
		}
		try {
			HttpRequest.Builder builder = request.toBuilder();
			exchange.inject(builder::replaceHeaders, builder::removeHeaders);
			return builder.build();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("sending the trace context with an OpenAI SDK request", ex);
			return request;
		}
	}

}
