package ai.ag2.tracing.a2aapp;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans of both services as one tree, one {@code name [KIND] service} line per span, children
 * in start order, and look-ups by name and service.
 */
final class Spans {

	static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private Spans() {
	}

	static String render(List<SpanData> spans) {
		Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
		StringBuilder out = new StringBuilder();
		sorted(spans.stream().filter((span) -> !ids.contains(span.getParentSpanId())).toList())
			.forEach((root) -> render(spans, root, 0, out));
		return out.toString();
	}

	/** The one span named {@code name} of the service {@code service}. */
	static SpanData named(List<SpanData> spans, String name, String service) {
		List<SpanData> matches = spans.stream()
			.filter((span) -> span.getName().equals(name) && service.equals(service(span)))
			.toList();
		assertThat(matches).as("spans named '%s' of %s in%n%s", name, service, render(spans)).hasSize(1);
		return matches.get(0);
	}

	/** The one span named {@code name}. */
	static SpanData named(List<SpanData> spans, String name) {
		List<SpanData> matches = spans.stream().filter((span) -> span.getName().equals(name)).toList();
		assertThat(matches).as("spans named '%s' in%n%s", name, render(spans)).hasSize(1);
		return matches.get(0);
	}

	static String service(SpanData span) {
		return span.getResource().getAttributes().get(SERVICE_NAME);
	}

	static List<SpanData> children(List<SpanData> spans, SpanData parent) {
		return sorted(spans.stream().filter((span) -> span.getParentSpanId().equals(parent.getSpanId())).toList());
	}

	private static void render(List<SpanData> spans, SpanData span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth))
			.append(span.getName())
			.append(" [")
			.append(span.getKind())
			.append("] ")
			.append(service(span))
			.append('\n');
		children(spans, span).forEach((child) -> render(spans, child, depth + 1, out));
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		return spans.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName))
			.toList();
	}

}
