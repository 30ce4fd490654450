package ai.ag2.tracing.langchain4japp;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans as an indented tree, one {@code name [KIND]} line per span, children in start order, and
 * look-ups of spans by name and parent.
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

	/** The one span named {@code name}. */
	static SpanData named(List<SpanData> spans, String name) {
		List<SpanData> matches = all(spans, name);
		assertThat(matches).as("spans named '%s' in%n%s", name, render(spans)).hasSize(1);
		return matches.get(0);
	}

	/** The spans named {@code name}, in start order. */
	static List<SpanData> all(List<SpanData> spans, String name) {
		return sorted(spans.stream().filter((span) -> span.getName().equals(name)).toList());
	}

	/** The children of {@code parent}, in start order. */
	static List<SpanData> children(List<SpanData> spans, SpanData parent) {
		return sorted(spans.stream().filter((span) -> span.getParentSpanId().equals(parent.getSpanId())).toList());
	}

	private static void render(List<SpanData> spans, SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]\n");
		children(spans, span).forEach((child) -> render(spans, child, depth + 1, out));
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		return spans.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName))
			.toList();
	}

}
