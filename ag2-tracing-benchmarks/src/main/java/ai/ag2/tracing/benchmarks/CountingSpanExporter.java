package ai.ag2.tracing.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A span exporter that only counts, behind Boot's batch span processor, so that the benchmarks
 * compare instrumentation and not the cost of sending spans. While {@link #keep} is on (only when
 * a trial starts, to check the spans, see {@link SpanShapes}) it also keeps what it gets.
 */
public class CountingSpanExporter implements SpanExporter {

	private final LongAdder exported = new LongAdder();

	private final List<SpanData> kept = new ArrayList<>();

	private volatile boolean keep;

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.exported.add(spans.size());
		if (this.keep) {
			synchronized (this.kept) {
				this.kept.addAll(spans);
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	/** Keep the spans exported from now on (or stop keeping them and forget them). */
	void keep(boolean keep) {
		this.keep = keep;
		if (!keep) {
			synchronized (this.kept) {
				this.kept.clear();
			}
		}
	}

	/** The spans exported since {@code keep(true)}. */
	List<SpanData> kept() {
		synchronized (this.kept) {
			return List.copyOf(this.kept);
		}
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
