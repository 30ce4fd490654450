package ai.ag2.tracing.internal.http;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for the JDK's {@link HttpClient}: a client that delegates every call to
 * the one it wraps and hands each {@code send}/{@code sendAsync} exchange to
 * {@link HttpClientTracing} in the caller's context (a {@code sendAsync} is started on the calling
 * thread, so it keeps that context whatever thread completes it). A JDK request is immutable: the
 * headers are set on a copy. When the wrapped client is Micrometer's {@code MicrometerHttpClient},
 * which opens the client span and <em>adds</em> its own {@code traceparent}, only the endpoint is
 * recorded, so the request still carries one. Closing and shutting down reach the wrapped client
 * on JDKs that have them (21+) and do nothing before.
 * <p>
 * Internal API: may change without notice; users get it from {@code Ag2HttpClients.wrap}.
 */
public final class TracingJdkHttpClient extends HttpClient {

	private static final String MICROMETER_HTTP_CLIENT = "io.micrometer.java11.instrument.binder.jdk.MicrometerHttpClient";

	private static final @Nullable MethodHandle CLOSE = lifecycle("close", MethodType.methodType(void.class));

	private static final @Nullable MethodHandle SHUTDOWN = lifecycle("shutdown", MethodType.methodType(void.class));

	private static final @Nullable MethodHandle SHUTDOWN_NOW = lifecycle("shutdownNow",
			MethodType.methodType(void.class));

	private static final @Nullable MethodHandle IS_TERMINATED = lifecycle("isTerminated",
			MethodType.methodType(boolean.class));

	private static final @Nullable MethodHandle AWAIT_TERMINATION = lifecycle("awaitTermination",
			MethodType.methodType(boolean.class, Duration.class));

	private final HttpClient delegate;

	private final HttpClientTracing tracing;

	private final boolean delegateIsObserved;

	public TracingJdkHttpClient(HttpClient delegate, HttpClientTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
		this.delegateIsObserved = delegate.getClass().getName().equals(MICROMETER_HTTP_CLIENT);
	}

	/** The client this one delegates to. */
	public HttpClient delegate() {
		return this.delegate;
	}

	@Override
	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
			throws IOException, InterruptedException {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return this.delegate.send(request, responseBodyHandler);
		}
		HttpRequest sent = withHeaders(request, exchange);
		HttpResponse<T> response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = this.delegate.send(sent, responseBodyHandler);
		}
		catch (IOException | InterruptedException | RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		exchange.end(response.statusCode(), null);
		return response;
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> responseBodyHandler) {
		return sendAsync(request, responseBodyHandler, null);
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> responseBodyHandler,
			HttpResponse.@Nullable PushPromiseHandler<T> pushPromiseHandler) {
		HttpClientTracing.Exchange exchange = start(request);
		if (exchange == null) {
			return this.delegate.sendAsync(request, responseBodyHandler, pushPromiseHandler);
		}
		HttpRequest sent = withHeaders(request, exchange);
		CompletableFuture<HttpResponse<T>> response;
		try (Scope ignored = exchange.context().makeCurrent()) {
			response = this.delegate.sendAsync(sent, responseBodyHandler, pushPromiseHandler);
		}
		catch (RuntimeException | Error ex) {
			exchange.end(-1, ex);
			throw ex;
		}
		// the caller keeps the client's own future, so that cancelling it still reaches the exchange
		response.whenComplete((value, failure) -> {
			Throwable cause = (failure != null) ? AsyncEndStrategies.unwrap(failure) : null;
			if (cause instanceof CancellationException) {
				exchange.end(-1, null);
			}
			else {
				exchange.end((value != null) ? value.statusCode() : -1, cause);
			}
		});
		return response;
	}

	private HttpClientTracing.@Nullable Exchange start(HttpRequest request) {
		try {
			Context context = Context.current();
			if (this.delegateIsObserved) {
				this.tracing.recordEndpoint(request.uri(), context);
				return null;
			}
			return this.tracing.start(request.method(), request.uri(), context,
					request.headers().firstValue(HttpClientTracing.TRACEPARENT).orElse(null));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing a JDK HttpClient request", ex);
			return null;
		}
	}

	private static HttpRequest withHeaders(HttpRequest request, HttpClientTracing.Exchange exchange) {
		if (!exchange.propagates()) {
			return request;
		}
		try {
			Map<String, String> set = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			Set<String> removed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			exchange.inject(set::put, removed::add);
			HttpRequest.Builder builder = HttpRequest.newBuilder(request,
					(name, value) -> !set.containsKey(name) && !removed.contains(name));
			set.forEach(builder::setHeader);
			return builder.build();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("sending the trace context with a JDK HttpClient request", ex);
			return request;
		}
	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return this.delegate.cookieHandler();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return this.delegate.connectTimeout();
	}

	@Override
	public Redirect followRedirects() {
		return this.delegate.followRedirects();
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return this.delegate.proxy();
	}

	@Override
	public SSLContext sslContext() {
		return this.delegate.sslContext();
	}

	@Override
	public SSLParameters sslParameters() {
		return this.delegate.sslParameters();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return this.delegate.authenticator();
	}

	@Override
	public Version version() {
		return this.delegate.version();
	}

	@Override
	public Optional<Executor> executor() {
		return this.delegate.executor();
	}

	@Override
	public WebSocket.Builder newWebSocketBuilder() {
		return this.delegate.newWebSocketBuilder();
	}

	// The lifecycle methods of JDK 21+, declared here so that they reach the wrapped client there.
	// Before 21 the JDK's client has none (it is freed when unreachable): they do nothing, so that
	// Spring's inferred destroy method 'close' of an HttpClient bean finds nothing to fail.

	public void close() {
		invoke(CLOSE);
	}

	public void shutdown() {
		invoke(SHUTDOWN);
	}

	public void shutdownNow() {
		invoke(SHUTDOWN_NOW);
	}

	public boolean isTerminated() {
		return Boolean.TRUE.equals(invoke(IS_TERMINATED));
	}

	public boolean awaitTermination(Duration duration) throws InterruptedException {
		if (AWAIT_TERMINATION == null) {
			return false;
		}
		try {
			return (boolean) AWAIT_TERMINATION.invoke(this.delegate, duration);
		}
		catch (InterruptedException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private @Nullable Object invoke(@Nullable MethodHandle handle) {
		if (handle == null) {
			return null;
		}
		try {
			return handle.invoke(this.delegate);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable MethodHandle lifecycle(String name, MethodType type) {
		try {
			return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

}
