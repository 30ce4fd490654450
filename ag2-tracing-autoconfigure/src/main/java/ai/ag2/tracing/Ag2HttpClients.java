package ai.ag2.tracing;

import java.net.http.HttpClient;

import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.http.TraceContextOkHttpInterceptor;
import ai.ag2.tracing.internal.http.TracingJdkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for the HTTP clients that have no Spring hook: the JDK's
 * {@link HttpClient} and OkHttp. A bean of the application context; inject it where the client is
 * built:
 * <pre>{@code
 * @Bean
 * HttpClient httpClient(Ag2HttpClients ag2) {
 *     return ag2.wrap(HttpClient.newHttpClient());
 * }
 *
 * @Bean
 * OkHttpClient okHttpClient(Ag2HttpClients ag2) {
 *     return new OkHttpClient.Builder().addInterceptor(ag2.okHttpInterceptor()).build();
 * }
 * }</pre>
 * Each request made inside a trace then carries exactly one {@code traceparent} (with
 * {@code tracestate} and {@code baggage}), has a CLIENT span {@code {method}} unless another
 * instrumentation opened one for it, and records {@code server.address}/{@code server.port} on
 * the remote agent span or the LLM span it is made in (docs/propagation.md). RestClient,
 * RestTemplate and WebClient need no code: their beans and the clients built from Spring Boot's
 * builders get the same without it.
 * <p>
 * With tracing or client propagation switched off ({@code ag2.tracing.enabled},
 * {@code ag2.tracing.propagation.client.enabled}) {@link #wrap} returns the client unchanged and
 * the interceptor passes requests through.
 */
public final class Ag2HttpClients {

	private final @Nullable HttpClientTracing tracing;

	/**
	 * Made by ag2-tracing's auto-configuration; inject the bean rather than creating one.
	 * @param tracing the outbound tracing rules, or {@code null} when client propagation is off
	 */
	public Ag2HttpClients(@Nullable HttpClientTracing tracing) {
		this.tracing = tracing;
	}

	/**
	 * A client that sends the trace context with every request and otherwise behaves as
	 * {@code client} (to which it delegates everything, {@code close()} included). Wrapping a
	 * client that is wrapped already returns it unchanged. Wrap Micrometer's
	 * {@code MicrometerHttpClient} or let it wrap this one: the request carries its one
	 * {@code traceparent} either way.
	 * @param client the client to wrap
	 * @return the traced client
	 */
	public HttpClient wrap(HttpClient client) {
		HttpClientTracing current = this.tracing;
		if (current == null || client instanceof TracingJdkHttpClient) {
			return client;
		}
		return new TracingJdkHttpClient(client, current);
	}

	/**
	 * The interceptor that sends the trace context with every OkHttp request: add it with
	 * {@code addInterceptor} (after Micrometer's {@code OkHttpObservationInterceptor}, if the client
	 * has one) or {@code addNetworkInterceptor}. A synchronous {@code execute()} is traced in the
	 * caller's context; a request sent with {@code enqueue} runs its interceptors on OkHttp's
	 * dispatcher threads, so tag it with the context it belongs to:
	 * {@code new Request.Builder().tag(io.opentelemetry.context.Context.class, Context.current())}.
	 * @return the interceptor
	 */
	public okhttp3.Interceptor okHttpInterceptor() {
		return OkHttp.interceptor(this.tracing);
	}

	/** Kept apart so that OkHttp's classes load only when its interceptor is asked for. */
	private static final class OkHttp {

		static okhttp3.Interceptor interceptor(@Nullable HttpClientTracing tracing) {
			if (tracing == null) {
				return (chain) -> chain.proceed(chain.request());
			}
			return new TraceContextOkHttpInterceptor(tracing);
		}

	}

}
