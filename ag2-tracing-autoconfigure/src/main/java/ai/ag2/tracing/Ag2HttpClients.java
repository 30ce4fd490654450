package ai.ag2.tracing;

import java.net.http.HttpClient;

import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.http.TracingJdkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for the JDK's {@link HttpClient}, which has no Spring hook (for OkHttp see
 * {@link Ag2OkHttpInterceptor}). A bean of the application context; inject it where the client is
 * built:
 * <pre>{@code
 * @Bean
 * HttpClient httpClient(Ag2HttpClients ag2) {
 *     return ag2.wrap(HttpClient.newHttpClient());
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
 * {@code ag2.tracing.propagation.client.enabled}) {@link #wrap} returns the client unchanged.
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

}
