package ai.ag2.tracing.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans of one or more traces as a tree, for tests that assert the whole shape at once:
 * {@link #render()} prints one line per span, {@code name [KIND]}, indented by depth, children
 * in start order (then by name).
 */
public final class SpanTree {

	private final List<SpanData> spans;

	private SpanTree(List<SpanData> spans) {
		this.spans = List.copyOf(spans);
	}

	public static SpanTree of(List<SpanData> spans) {
		return new SpanTree(spans);
	}

	public List<SpanData> spans() {
		return this.spans;
	}

	/** The tree as indented lines: {@code name [KIND]}. */
	public String render() {
		StringBuilder out = new StringBuilder();
		for (SpanData root : roots()) {
			render(root, 0, out);
		}
		return out.toString();
	}

	public List<SpanData> roots() {
		Map<String, SpanData> byId = new LinkedHashMap<>();
		this.spans.forEach((span) -> byId.put(span.getSpanId(), span));
		return sorted(this.spans.stream().filter((span) -> !byId.containsKey(span.getParentSpanId())).toList());
	}

	public List<SpanData> children(SpanData parent) {
		return sorted(this.spans.stream()
			.filter((span) -> span.getParentSpanId().equals(parent.getSpanId())
					&& span.getTraceId().equals(parent.getTraceId()))
			.toList());
	}

	/** The only span with this name; fails when there is none or several. */
	public SpanData span(String name) {
		List<SpanData> matches = all(name);
		assertThat(matches).as("spans named '%s' in%n%s", name, render()).hasSize(1);
		return matches.get(0);
	}

	public List<SpanData> all(String name) {
		return sorted(this.spans.stream().filter((span) -> span.getName().equals(name)).toList());
	}

	public Optional<SpanData> parentOf(SpanData span) {
		return this.spans.stream().filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId())).findFirst();
	}

	private void render(SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(kind(span.getKind())).append("]\n");
		for (SpanData child : children(span)) {
			render(child, depth + 1, out);
		}
	}

	private static String kind(SpanKind kind) {
		return kind.name();
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		List<SpanData> copy = new ArrayList<>(spans);
		copy.sort(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName));
		return copy;
	}

}
