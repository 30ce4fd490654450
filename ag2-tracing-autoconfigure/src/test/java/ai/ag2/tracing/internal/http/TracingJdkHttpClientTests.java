package ai.ag2.tracing.internal.http;

import java.net.http.HttpClient;

import ai.ag2.tracing.Ag2Attributes;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The JDK client wrapper's lifecycle: what a Spring context calls when it closes an
 * {@code HttpClient} bean.
 */
class TracingJdkHttpClientTests {

	private final HttpClientTracing tracing = new HttpClientTracing(OpenTelemetry.noop(),
			OpenTelemetry.noop().getTracer(Ag2Attributes.INSTRUMENTATION_SCOPE), true, () -> false);

	@Test
	void closingTheWrapperClosesTheWrappedClientWhereTheJdkCanAndNeverFails() {
		TracingJdkHttpClient client = new TracingJdkHttpClient(HttpClient.newHttpClient(), this.tracing);

		assertThatNoException().isThrownBy(client::close);
		// JDK 21 gave HttpClient a lifecycle; before it there is nothing to close
		assertThat(client.isTerminated()).isEqualTo(Runtime.version().feature() >= 21);
	}

}
