package ai.ag2.tracing.internal.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static ai.ag2.tracing.internal.console.TestSpans.TRACE_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the tree is drawn for very deep traces and for span types that integrations add.
 */
class TraceTreeRendererTests {

	private final TestSpans a = new TestSpans(TRACE_A, "ag2-tracing-sample");

	@Test
	void aVeryDeepTraceIsIndentedOnlyToABoundedDepthAndPrintsEverySpan() {
		int depth = 2_000;
		List<SpanData> spans = new ArrayList<>(depth);
		spans.add(this.a.root(1, "invoke_agent a1", 0, Duration.ofMillis(1), (attributes) -> {
		}));
		for (int i = 2; i <= depth; i++) {
			spans.add(this.a.child(i, i - 1, "invoke_agent a" + i, i, Duration.ofMillis(1), (attributes) -> {
			}));
		}
		String tree = new TraceTreeRenderer().renderComplete(spans.get(0), spans);
		String[] lines = tree.split("\n");
		assertThat(lines).hasSize(depth + 1);
		int widest = 0;
		for (String line : lines) {
			widest = Math.max(widest, line.length());
		}
		// a bounded indentation (4 characters per level up to the cap), not 4 × 2 000
		assertThat(widest).isLessThan(4 * TraceTreeRenderer.MAX_INDENTED_DEPTH + 80);
		assertThat(tree.length()).isLessThan(depth * 200);
		assertThat(tree).contains("[depth 1999] invoke_agent a2000  (1 ms)");
	}

	@Test
	void aSpanTypeAddedByAnIntegrationIsDescribedByItsOwnDetails() {
		AttributeKey<String> destination = AttributeKey.stringKey("messaging.destination.name");
		SpanDetails envelopes = new SpanDetails() {

			@Override
			public String spanType() {
				return "envelope";
			}

			@Override
			public void describe(Attributes attributes, List<String> details) {
				details.add("to " + attributes.get(destination));
			}

		};
		SpanData root = this.a.root(1, "send reviews", 0, Duration.ofMillis(2),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "envelope").put(destination, "reviews"));
		assertThat(new TraceTreeRenderer(List.of(envelopes)).renderComplete(root, List.of(root)))
			.contains("send reviews  (2 ms, to reviews)");
	}

}
