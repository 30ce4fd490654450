package ai.ag2.tracing.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans of one trace, from both services, as a tree: {@link #render()} prints
 * {@code name [KIND] service} per span, indented by depth, siblings in start order.
 */
final class TraceShape {

	private final List<SpanData> spans;

	TraceShape(List<SpanData> spans) {
		this.spans = List.copyOf(spans);
	}

	List<SpanData> spans() {
		return this.spans;
	}

	String render() {
		Set<String> ids = this.spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
		StringBuilder out = new StringBuilder();
		sorted(this.spans.stream().filter((span) -> !ids.contains(span.getParentSpanId())).toList())
			.forEach((root) -> render(root, 0, out));
		return out.toString();
	}

	/** The only span with this name. */
	SpanData span(String name) {
		List<SpanData> matches = all(name);
		assertThat(matches).as("spans named '%s' in%n%s", name, render()).hasSize(1);
		return matches.get(0);
	}

	List<SpanData> all(String name) {
		return sorted(this.spans.stream().filter((span) -> span.getName().equals(name)).toList());
	}

	List<SpanData> children(SpanData parent) {
		return sorted(this.spans.stream().filter((span) -> span.getParentSpanId().equals(parent.getSpanId())).toList());
	}

	SpanData parentOf(SpanData span) {
		return this.spans.stream()
			.filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no parent of " + span.getName() + " in\n" + render()));
	}

	static String service(SpanData span) {
		return span.getResource().getAttribute(ServiceAttributes.SERVICE_NAME);
	}

	private void render(SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("] ")
			.append(service(span)).append('\n');
		children(span).forEach((child) -> render(child, depth + 1, out));
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		List<SpanData> copy = new ArrayList<>(spans);
		copy.sort(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName));
		return copy;
	}

}
