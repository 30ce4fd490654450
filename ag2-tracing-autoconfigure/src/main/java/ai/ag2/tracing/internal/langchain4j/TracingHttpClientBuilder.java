package ai.ag2.tracing.internal.langchain4j;

import java.time.Duration;

import ai.ag2.tracing.internal.http.HttpClientTracing;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;

/**
 * A LangChain4j {@link HttpClientBuilder} that builds its delegate's client wrapped in a
 * {@link TracingHttpClient}: what a model builder's {@code httpClientBuilder(…)} takes, so that
 * the model's requests carry the trace context. Timeouts are the delegate's.
 * <p>
 * Internal API: may change without notice.
 */
public final class TracingHttpClientBuilder implements HttpClientBuilder {

	private final HttpClientBuilder delegate;

	private final HttpClientTracing tracing;

	public TracingHttpClientBuilder(HttpClientBuilder delegate, HttpClientTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
	}

	@Override
	public Duration connectTimeout() {
		return this.delegate.connectTimeout();
	}

	@Override
	public HttpClientBuilder connectTimeout(Duration timeout) {
		this.delegate.connectTimeout(timeout);
		return this;
	}

	@Override
	public Duration readTimeout() {
		return this.delegate.readTimeout();
	}

	@Override
	public HttpClientBuilder readTimeout(Duration timeout) {
		this.delegate.readTimeout(timeout);
		return this;
	}

	@Override
	public HttpClient build() {
		HttpClient client = this.delegate.build();
		return (client instanceof TracingHttpClient) ? client : new TracingHttpClient(client, this.tracing);
	}

}
