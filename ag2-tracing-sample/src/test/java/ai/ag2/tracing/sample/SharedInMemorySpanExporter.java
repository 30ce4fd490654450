package ai.ag2.tracing.sample;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

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

	/**
	 * The spans exported once a scenario's root span (a span with no parent, which ends last in its
	 * service) has arrived, every other span's parent has arrived too, and one more {@code flush}
	 * brings nothing new: a batch processor's flush can return while spans queued just before it are
	 * still on their way, and a called service ends its server span only after the caller has its
	 * response, which on a loaded machine can be long after. Waits at most 10 s.
	 * @param flush flushes the tracer providers of every service involved
	 * @return the spans exported so far
	 */
	public static List<SpanData> awaitCompleteTrace(Runnable flush) {
		return awaitCompleteTrace(flush, 1);
	}

	/**
	 * The spans exported once the trace is complete as {@link #awaitCompleteTrace(Runnable)} sees
	 * it and holds at least {@code atLeast} spans: a called service's spans that have no child in
	 * it (its HTTP server span, say) can end after everything else has arrived.
	 * @param flush flushes the tracer providers of every service involved
	 * @param atLeast how many spans the trace has
	 * @return the spans exported so far
	 */
	public static List<SpanData> awaitCompleteTrace(Runnable flush, int atLeast) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		List<SpanData> spans = List.of();
		int before = -1;
		while (System.nanoTime() < deadline) {
			flush.run();
			spans = SPANS.getFinishedSpanItems();
			boolean complete = spans.size() >= atLeast && rootArrived(spans) && everyParentArrived(spans);
			if (complete && spans.size() == before) {
				return spans;
			}
			before = complete ? spans.size() : -1;
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		return spans;
	}

	private static boolean rootArrived(List<SpanData> spans) {
		return spans.stream().anyMatch((span) -> !span.getParentSpanContext().isValid());
	}

	private static boolean everyParentArrived(List<SpanData> spans) {
		Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
		return spans.stream()
			.filter((span) -> span.getParentSpanContext().isValid())
			.allMatch((span) -> ids.contains(span.getParentSpanId()));
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
