package ai.ag2.tracing.langchain4japp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the tests of the application share: the in-memory exporter bean Spring Boot hands its
 * span processor, and waiting for the spans of a finished trace.
 */
final class TracingTestSupport {

	private TracingTestSupport() {
	}

	/** The exported spans, once {@code complete} holds for them (or after ten seconds). */
	static List<SpanData> awaitSpans(SdkTracerProvider tracerProvider, InMemorySpanExporter exporter,
			Predicate<List<SpanData>> complete) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			List<SpanData> spans = exporter.getFinishedSpanItems();
			if (complete.test(spans) || System.nanoTime() > deadline) {
				return spans;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return spans;
			}
		}
	}

	/** Whether a span named {@code name} has ended (the root of a conversation's trace, say). */
	static Predicate<List<SpanData>> hasSpan(String name) {
		return (spans) -> spans.stream().anyMatch((span) -> span.getName().equals(name));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
