package ai.ag2.tracing.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A span exporter that only counts, behind Boot's batch span processor, so that the benchmarks
 * compare instrumentation and not the cost of sending spans.
 */
public class CountingSpanExporter implements SpanExporter {

	private final LongAdder exported = new LongAdder();

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.exported.add(spans.size());
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	public long exported() {
		return this.exported.sum();
	}

}
