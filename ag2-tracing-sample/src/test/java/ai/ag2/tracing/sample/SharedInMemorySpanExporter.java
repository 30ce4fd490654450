package ai.ag2.tracing.sample;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test auto-configuration that sends the spans of every application context of the test JVM (the
 * sample and the research service it starts) to one in-memory exporter, as a collector would
 * receive the spans of both services.
 */
@AutoConfiguration
public final class SharedInMemorySpanExporter {

	/** The spans exported by every context. */
	public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

	@Bean
	SpanExporter sharedInMemorySpanExporter() {
		return new ToSharedSpans();
	}

	// Closing one context must not shut the shared exporter down for the others.
	private static final class ToSharedSpans implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return SPANS.export(spans);
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
