package ai.ag2.tracing.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans an application exported, as an indented tree ({@code name [KIND]}), with lookups by
 * name.
 */
final class SpanTrees {

	private final List<SpanData> spans;

	private SpanTrees(List<SpanData> spans) {
		this.spans = List.copyOf(spans);
	}

	/** The spans exported once {@code done} holds for them (or 30 seconds have passed). */
	static SpanTrees await(ApplicationContext context, Predicate<List<SpanData>> done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		List<SpanData> spans = flush(context);
		while (!done.test(spans) && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			spans = flush(context);
		}
		return new SpanTrees(spans);
	}

	/** The spans exported once at least {@code count} have arrived. */
	static SpanTrees await(ApplicationContext context, int count) {
		return await(context, (spans) -> spans.size() >= count);
	}

	private static List<SpanData> flush(ApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	List<SpanData> spans() {
		return this.spans;
	}

	String render() {
		Map<String, SpanData> byId = this.spans.stream()
			.collect(Collectors.toMap(SpanData::getSpanId, (span) -> span, (first, second) -> first));
		StringBuilder out = new StringBuilder();
		for (SpanData root : sorted(this.spans.stream().filter((span) -> !byId.containsKey(span.getParentSpanId())))) {
			render(root, 0, out);
		}
		return out.toString();
	}

	private void render(SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]\n");
		for (SpanData child : sorted(this.spans.stream()
			.filter((candidate) -> candidate.getParentSpanId().equals(span.getSpanId())
					&& candidate.getTraceId().equals(span.getTraceId())))) {
			render(child, depth + 1, out);
		}
	}

	SpanData span(String name) {
		List<SpanData> matches = all(name);
		assertThat(matches).as("spans named '%s' in%n%s", name, render()).hasSize(1);
		return matches.get(0);
	}

	List<SpanData> all(String name) {
		return sorted(this.spans.stream().filter((span) -> span.getName().equals(name)));
	}

	SpanData parentOf(SpanData span) {
		return this.spans.stream()
			.filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no parent of " + span.getName() + " in\n" + render()));
	}

	private static List<SpanData> sorted(java.util.stream.Stream<SpanData> spans) {
		List<SpanData> list = new ArrayList<>(spans.toList());
		list.sort(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName));
		return list;
	}

}
