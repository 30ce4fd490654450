package ai.ag2.tracing;

import java.io.IOException;

import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.http.TraceContextOkHttpInterceptor;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The trace on the wire for OkHttp, which has no Spring hook: a bean of the application context
 * when OkHttp is on the classpath. Add it to the clients you build:
 * <pre>{@code
 * @Bean
 * OkHttpClient okHttpClient(Ag2OkHttpInterceptor ag2) {
 *     return new OkHttpClient.Builder().addInterceptor(ag2).build();
 * }
 * }</pre>
 * Each request made inside a trace then carries exactly one {@code traceparent}, has a CLIENT span
 * {@code {method}} unless Micrometer's {@code OkHttpObservationInterceptor} (added before this one)
 * made one, and records {@code server.address}/{@code server.port} on the remote agent or LLM span.
 * A synchronous {@code execute()} is traced in the caller's context; a request sent with
 * {@code enqueue} runs its interceptors on OkHttp's dispatcher threads, so tag it with the context
 * it belongs to: {@code new Request.Builder().tag(io.opentelemetry.context.Context.class, Context.current())}.
 * It may also be added with {@code addNetworkInterceptor}. With tracing or client propagation
 * switched off it passes requests through.
 */
public final class Ag2OkHttpInterceptor implements Interceptor {

	private final @Nullable TraceContextOkHttpInterceptor delegate;

	/**
	 * Made by ag2-tracing's auto-configuration; inject the bean rather than creating one.
	 * @param tracing the outbound tracing rules, or {@code null} when client propagation is off
	 */
	public Ag2OkHttpInterceptor(@Nullable HttpClientTracing tracing) {
		this.delegate = (tracing != null) ? new TraceContextOkHttpInterceptor(tracing) : null;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		TraceContextOkHttpInterceptor current = this.delegate;
		return (current != null) ? current.intercept(chain) : chain.proceed(chain.request());
	}

}
