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
		assertThat(lines).hasSize(depth + 2);
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

	@Test
	void aFinishedTraceEndsWithItsDurationAndTheTokensAndCostOfItsLlmCalls() {
		SpanData root = this.a.root(1, "conversation user_proxy", 0, Duration.ofMillis(1500),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
					.put(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 74L)
					.put(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 29L)
					.put(Ag2Attributes.GEN_AI_USAGE_COST, 0.0042));
		SpanData turn = this.a.child(2, 1, "invoke_agent assistant", 1, Duration.ofMillis(900),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent"));
		SpanData first = this.a.child(3, 2, "chat gpt-4o-mini", 2, Duration.ofMillis(400),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "llm")
					.put(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 41L)
					.put(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 22L)
					.put(Ag2Attributes.GEN_AI_USAGE_COST, 0.0012));
		SpanData second = this.a.child(4, 2, "chat gpt-4o-mini", 500, Duration.ofMillis(300),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "llm")
					.put(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 33L)
					.put(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 7L)
					.put(Ag2Attributes.GEN_AI_USAGE_COST, 0.003));

		String tree = new TraceTreeRenderer().renderComplete(root, List.of(root, turn, first, second));

		// the conversation's roll-up is not counted a second time
		assertThat(tree).endsWith("\n└── invoke_agent assistant  (0.9 s)\n"
				+ "    ├── chat gpt-4o-mini  (0.4 s, in 41, out 22)\n"
				+ "    └── chat gpt-4o-mini  (0.3 s, in 33, out 7)\n"
				+ "total  1.5 s · 2 LLM calls · 103 tokens (in 74, out 29) · cost 0.0042\n\n");
	}

	@Test
	void theTotalOfATraceWithoutLlmCallsIsItsDuration() {
		SpanData root = this.a.root(1, "invoke_agent reviewer", 0, Duration.ofMillis(12),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent"));
		SpanData unknown = this.a.child(2, 1, "chat gpt-4o", 1, Duration.ofMillis(10),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "llm"));

		assertThat(new TraceTreeRenderer().renderComplete(root, List.of(root))).endsWith("total  12 ms\n\n");
		assertThat(new TraceTreeRenderer().renderComplete(root, List.of(root, unknown)))
			.as("a call without usage counts, its tokens are not made up")
			.endsWith("total  12 ms · 1 LLM call\n\n");
	}

	@Test
	void costIsPrintedToSixSignificantDigitsWithoutAnExponent() {
		assertThat(TraceTreeRenderer.cost(0.0012 + 0.003)).isEqualTo("0.0042");
		assertThat(TraceTreeRenderer.cost(0.000001234567)).isEqualTo("0.00000123457");
		assertThat(TraceTreeRenderer.cost(12.5)).isEqualTo("12.5");
		assertThat(TraceTreeRenderer.cost(0)).isEqualTo("0");
	}

}
