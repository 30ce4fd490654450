package ai.ag2.tracing.mcpapp;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The spans one application context exported, and trees of them, one {@code name [KIND]} line per span. */
final class Spans {

	private final InMemorySpanExporter exporter;

	private final SdkTracerProvider tracerProvider;

	Spans(ConfigurableApplicationContext context) {
		this.exporter = context.getBean(InMemorySpanExporter.class);
		this.tracerProvider = context.getBean(SdkTracerProvider.class);
	}

	void reset() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.exporter.reset();
	}

	/** The finished spans, once {@code until} holds for them (or after 30 seconds, on a loaded machine). */
	List<SpanData> await(Predicate<List<SpanData>> until) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		List<SpanData> spans = List.of();
		while (System.nanoTime() < deadline) {
			this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			spans = this.exporter.getFinishedSpanItems();
			if (until.test(spans)) {
				return spans;
			}
			sleep();
		}
		return spans;
	}

	/** The finished spans once one is named {@code name}. */
	List<SpanData> awaitNamed(String name) {
		return await((spans) -> spans.stream().anyMatch((span) -> span.getName().equals(name)));
	}

	/**
	 * The finished spans of trace {@code traceId}, once there is one named each of {@code names}:
	 * a server's spans end after its caller has its answer, in an order of their own, and those of
	 * an earlier call may arrive late.
	 */
	List<SpanData> awaitTrace(String traceId, String... names) {
		Predicate<List<SpanData>> complete = (spans) -> Stream.of(names)
			.allMatch((name) -> spans.stream()
				.anyMatch((span) -> span.getTraceId().equals(traceId) && span.getName().equals(name)));
		return await(complete).stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

	static SpanData named(List<SpanData> spans, String name) {
		List<SpanData> matches = all(spans, name);
		assertThat(matches).as("spans named '%s' in%n%s", name, render(spans)).hasSize(1);
		return matches.get(0);
	}

	static List<SpanData> all(List<SpanData> spans, String name) {
		return sorted(spans.stream().filter((span) -> span.getName().equals(name)).toList());
	}

	static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
		return sorted(spans.stream().filter((span) -> span.getParentSpanId().equals(parent.getSpanId())).toList());
	}

	static String render(List<SpanData> spans) {
		Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
		StringBuilder out = new StringBuilder();
		sorted(spans.stream().filter((span) -> !ids.contains(span.getParentSpanId())).toList())
			.forEach((root) -> render(spans, root, 0, out));
		return out.toString();
	}

	static Supplier<String> describe(List<SpanData> spans) {
		return () -> render(spans);
	}

	private static void render(List<SpanData> spans, SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]\n");
		childrenOf(spans, span).forEach((child) -> render(spans, child, depth + 1, out));
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		return spans.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName))
			.toList();
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

}
