package ai.ag2.tracing.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans of one or more traces as a tree, for tests that assert the whole shape at once:
 * {@link #render()} prints one line per span, {@code name [KIND]}, indented by depth, children
 * in start order (then by name); {@link #renderWithServices()} adds each span's
 * {@code service.name}, for traces that cross services. Look-ups fail with the rendered tree.
 */
public final class SpanTree {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private final List<SpanData> spans;

	private SpanTree(List<SpanData> spans) {
		this.spans = List.copyOf(spans);
	}

	public static SpanTree of(List<SpanData> spans) {
		return new SpanTree(spans);
	}

	/**
	 * The spans exported once {@code done} holds for them, flushing the provider before each look;
	 * what has been exported when {@code timeout} has passed otherwise.
	 */
	public static SpanTree await(SdkTracerProvider tracerProvider, InMemorySpanExporter exporter, Duration timeout,
			Predicate<List<SpanData>> done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			List<SpanData> spans = exporter.getFinishedSpanItems();
			if (done.test(spans) || System.nanoTime() > deadline || !pause()) {
				return of(spans);
			}
		}
	}

	/**
	 * The trace of the one root span named {@code rootName}, once it holds {@code expected} spans
	 * (a streamed call ends its spans after the caller has its answer), or after ten seconds.
	 */
	public static SpanTree awaitTrace(SdkTracerProvider tracerProvider, InMemorySpanExporter exporter, String rootName,
			int expected) {
		SpanTree all = await(tracerProvider, exporter, Duration.ofSeconds(10),
				(spans) -> traceOf(spans, rootName).size() >= expected);
		return of(traceOf(all.spans, rootName));
	}

	private static List<SpanData> traceOf(List<SpanData> spans, String rootName) {
		List<SpanData> roots = spans.stream().filter((span) -> span.getName().equals(rootName)).toList();
		if (roots.size() != 1) {
			return List.of();
		}
		String traceId = roots.get(0).getTraceId();
		return spans.stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

	/** The {@code service.name} of the resource that exported {@code span}. */
	public static @Nullable String service(SpanData span) {
		return span.getResource().getAttributes().get(SERVICE_NAME);
	}

	public List<SpanData> spans() {
		return this.spans;
	}

	/** The tree as indented lines: {@code name [KIND]}. */
	public String render() {
		return render(false);
	}

	/** The tree as indented lines: {@code name [KIND] service}. */
	public String renderWithServices() {
		return render(true);
	}

	private String render(boolean withServices) {
		StringBuilder out = new StringBuilder();
		for (SpanData root : roots()) {
			render(root, 0, withServices, out);
		}
		return out.toString();
	}

	/** The spans whose parent is not among the spans, in start order. */
	public List<SpanData> roots() {
		Set<String> ids = this.spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
		return sorted(this.spans.stream().filter((span) -> !ids.contains(span.getParentSpanId())).toList());
	}

	/** The children of {@code parent}, in start order. */
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

	/** The only span with this name that {@code service} exported; fails when there is none or several. */
	public SpanData span(String name, String service) {
		List<SpanData> matches = matching((span) -> span.getName().equals(name) && service.equals(service(span)));
		assertThat(matches).as("spans named '%s' of %s in%n%s", name, service, renderWithServices()).hasSize(1);
		return matches.get(0);
	}

	/** The spans with this name, in start order. */
	public List<SpanData> all(String name) {
		return matching((span) -> span.getName().equals(name));
	}

	/** The spans {@code predicate} accepts, in start order. */
	public List<SpanData> matching(Predicate<SpanData> predicate) {
		return sorted(this.spans.stream().filter(predicate).toList());
	}

	/** The parent of {@code span}; fails when it is not among the spans. */
	public SpanData parentOf(SpanData span) {
		return this.spans.stream()
			.filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no parent of " + span.getName() + " in\n" + render()));
	}

	private void render(SpanData span, int depth, boolean withServices, StringBuilder out) {
		out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind().name()).append(']');
		if (withServices) {
			out.append(' ').append(service(span));
		}
		out.append('\n');
		for (SpanData child : children(span)) {
			render(child, depth + 1, withServices, out);
		}
	}

	private static List<SpanData> sorted(List<SpanData> spans) {
		List<SpanData> copy = new ArrayList<>(spans);
		copy.sort(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getName));
		return copy;
	}

	// false when interrupted: the caller returns what it has
	private static boolean pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(10);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
