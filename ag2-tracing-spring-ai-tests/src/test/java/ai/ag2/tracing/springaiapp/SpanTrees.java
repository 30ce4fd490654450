package ai.ag2.tracing.springaiapp;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans as an indented tree, one {@code name [KIND]} line per span, children in start order, and
 * the spans of one trace once they have all ended.
 */
final class SpanTrees {

	private SpanTrees() {
	}

	static String render(List<SpanData> spans) {
		Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
		StringBuilder out = new StringBuilder();
		sorted(spans.stream().filter((span) -> !ids.contains(span.getParentSpanId())).toList())
			.forEach((root) -> render(spans, root, 0, out));
		return out.toString();
	}

	static SpanData named(List<SpanData> spans, String name) {
		List<SpanData> matches = all(spans, name);
		assertThat(matches).as("spans named '%s' in%n%s", name, render(spans)).hasSize(1);
		return matches.get(0);
	}

	/** The spans named {@code name}, in start order. */
	static List<SpanData> all(List<SpanData> spans, String name) {
		return sorted(spans.stream().filter((span) -> span.getName().equals(name)).toList());
	}

	static SpanData parentOf(List<SpanData> spans, SpanData child) {
		return spans.stream()
			.filter((span) -> span.getSpanId().equals(child.getParentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no parent of " + child.getName() + " in\n" + render(spans)));
	}

	/**
	 * The trace of the one root span named {@code rootName}, once it holds {@code expected}
	 * spans (a streamed call ends its spans after the caller has its answer).
	 */
	static List<SpanData> trace(InMemorySpanExporter exporter, SdkTracerProvider tracerProvider, String rootName,
			int expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> trace = List.of();
		while (System.nanoTime() < deadline) {
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			List<SpanData> finished = exporter.getFinishedSpanItems();
			List<SpanData> roots = finished.stream().filter((span) -> span.getName().equals(rootName)).toList();
			if (roots.size() == 1) {
				String traceId = roots.get(0).getTraceId();
				trace = finished.stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
				if (trace.size() >= expected) {
					return trace;
				}
			}
			sleep();
		}
		return trace;
	}

	/** Export what has ended so far. */
	static void flush(SdkTracerProvider tracerProvider) {
		tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
	}

	static List<SpanData> matching(List<SpanData> spans, Predicate<SpanData> predicate) {
		return spans.stream().filter(predicate).toList();
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void render(List<SpanData> spans, SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]\n");
		sorted(spans.stream().filter((child) -> child.getParentSpanId().equals(span.getSpanId())).toList())
			.forEach((child) -> render(spans, child, depth + 1, out));
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		return spans.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName))
			.toList();
	}

}
