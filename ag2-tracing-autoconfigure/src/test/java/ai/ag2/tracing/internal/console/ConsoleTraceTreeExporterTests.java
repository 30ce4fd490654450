package ai.ag2.tracing.internal.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ai.ag2.tracing.Ag2Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.Test;

import static ai.ag2.tracing.internal.console.TestSpans.TRACE_A;
import static ai.ag2.tracing.internal.console.TestSpans.TRACE_B;
import static ai.ag2.tracing.internal.console.TestSpans.none;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console prints, and when.
 */
class ConsoleTraceTreeExporterTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final AtomicLong now = new AtomicLong();

	private final ConsoleTraceTreeExporter exporter = new ConsoleTraceTreeExporter(
			new PrintStream(this.printed, true, StandardCharsets.UTF_8), Duration.ofSeconds(30), 10, this.now::get,
			false);

	private final TestSpans a = new TestSpans(TRACE_A, "ag2-tracing-sample");

	@Test
	void traceIsPrintedAsATreeWhenItsRootArrives() {
		List<SpanData> children = List.of(
				this.a.child(3, 2, "chat gpt-4o-mini", 10, Duration.ofMillis(12), (attributes) -> attributes
					.put(Ag2Attributes.AG2_SPAN_TYPE, "llm")
					.put(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 41L)
					.put(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 22L)
					.put(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))),
				this.a.child(4, 2, "execute_tool get_weather", 30, Duration.ofMillis(3),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "tool")),
				this.a.child(2, 1, "invoke_agent assistant", 5, Duration.ofMillis(400),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent")),
				this.a.child(5, 1, "invoke_agent user_proxy", 500, Duration.ofMillis(1),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent")));
		this.exporter.export(children);
		assertThat(output()).isEmpty();
		assertThat(this.exporter.pendingSpans()).isEqualTo(4);

		this.exporter.export(List.of(this.a.root(1, "conversation user_proxy", 0, Duration.ofMillis(1200),
				(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
					.put(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 2L)
					.put(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 41L)
					.put(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 22L))));

		assertThat(output()).isEqualTo("""
				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample
				conversation user_proxy  (1.2 s, 2 turns, 63 tokens)
				├── invoke_agent assistant  (0.4 s)
				│   ├── chat gpt-4o-mini  (12 ms, in 41, out 22, stop)
				│   └── execute_tool get_weather  (3 ms)
				└── invoke_agent user_proxy  (1 ms)
				total  1.2 s · 1 LLM call · 63 tokens (in 41, out 22)

				""");
		assertThat(this.exporter.pendingSpans()).isZero();
	}

	@Test
	void eachSpanTypeShowsTheAttributesThatMatter() {
		this.exporter.export(List.of(
				this.a.child(2, 1, "speaker_selection", 1, Duration.ofNanos(300_000),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "speaker_selection")
							.put(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED, "researcher")),
				this.a.failed(3, 1, "execute_code user_proxy", 2, Duration.ofMillis(250),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "code_execution")
							.put(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE, 1L)
							.put(ErrorAttributes.ERROR_TYPE, "CodeExecutionError")),
				this.a.child(4, 1, "invoke_agent remote_researcher", 3, Duration.ofMillis(80),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent")
							.put(Ag2Attributes.GEN_AI_AGENT_REMOTE, true)
							.put(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
							.put(ServerAttributes.SERVER_PORT, 8081L)),
				this.a.child(5, 4, "http post", 4, Duration.ofMillis(70),
						(attributes) -> attributes.put("status", "200").put("method", "POST")),
				this.a.child(6, 1, "a2a-execution", 5, Duration.ofMillis(9),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "a2a_execution")
							.put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 201L)),
				this.a.failed(7, 1, "execute_tool get_weather", 6, Duration.ofMillis(2),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "tool")),
				this.a.root(1, "initiate_chats", 0, Duration.ofSeconds(75),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "multi_conversation")
							.put(Ag2Attributes.AG2_CHATS_MODE, "parallel")
							.put(Ag2Attributes.AG2_CHATS_COUNT, 3L))));

		assertThat(output()).isEqualTo("""
				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample
				initiate_chats  (75.0 s, parallel, 3 chats)
				├── speaker_selection  (0.3 ms, selected researcher)
				├── execute_code user_proxy  (0.3 s, exit 1, ERROR CodeExecutionError)
				├── invoke_agent remote_researcher  (80 ms, remote 127.0.0.1:8081)
				│   └── http post  (70 ms, HTTP 200)
				├── a2a-execution  (9 ms, HTTP 201)
				└── execute_tool get_weather  (2 ms, ERROR)
				total  75.0 s

				""");
	}

	@Test
	void rootWithARemoteParentStartsThisServicesPartOfTheTrace() {
		TestSpans remote = new TestSpans(TRACE_A, "ag2-remote-researcher");
		this.exporter.export(List.of(
				this.a.child(3, 2, "invoke_agent researcher", 1, Duration.ofMillis(20),
						(attributes) -> attributes.put(Ag2Attributes.AG2_SPAN_TYPE, "agent")),
				remote.remoteChild(2, "00f067aa0ba902b7", "http post /agents/researcher", 0, Duration.ofMillis(25),
						(attributes) -> attributes.put("status", "200"))));

		assertThat(output()).isEqualTo("""
				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-remote-researcher · continues remote span 00f067aa0ba902b7
				http post /agents/researcher  (25 ms, HTTP 200)
				└── invoke_agent researcher  (20 ms, service ag2-tracing-sample)
				total  25 ms

				""");
	}

	@Test
	void tracesOfConcurrentRunsArePrintedSeparately() {
		TestSpans b = new TestSpans(TRACE_B, "ag2-tracing-sample");
		this.exporter.export(List.of(this.a.child(2, 1, "invoke_agent writer", 1, Duration.ofMillis(5), none()),
				b.child(2, 1, "invoke_agent researcher", 1, Duration.ofMillis(6), none()),
				b.root(1, "conversation user_proxy", 0, Duration.ofMillis(8), none())));
		this.exporter.export(List.of(this.a.root(1, "conversation user_proxy", 0, Duration.ofMillis(7), none())));

		assertThat(output()).isEqualTo("""
				trace 0af7651916cd43dd8448eb211c80319c · ag2-tracing-sample
				conversation user_proxy  (8 ms)
				└── invoke_agent researcher  (6 ms)
				total  8 ms

				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample
				conversation user_proxy  (7 ms)
				└── invoke_agent writer  (5 ms)
				total  7 ms

				""");
	}

	@Test
	void twoLocalRootsOfOneTraceArePrintedEachWithItsOwnSpans() {
		this.exporter.export(List.of(this.a.child(2, 1, "invoke_agent researcher", 1, Duration.ofMillis(5), none()),
				this.a.child(4, 3, "invoke_agent writer", 11, Duration.ofMillis(5), none()),
				this.a.remoteChild(1, "00f067aa0ba902b7", "http post /agents/researcher", 0, Duration.ofMillis(7),
						none())));
		assertThat(this.exporter.pendingSpans()).isEqualTo(1);

		this.exporter.export(List.of(this.a.remoteChild(3, "00f067aa0ba902b8", "http post /agents/writer", 10,
				Duration.ofMillis(7), none())));

		assertThat(output()).isEqualTo("""
				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample · continues remote span 00f067aa0ba902b7
				http post /agents/researcher  (7 ms)
				└── invoke_agent researcher  (5 ms)
				total  7 ms

				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample · continues remote span 00f067aa0ba902b8
				http post /agents/writer  (7 ms)
				└── invoke_agent writer  (5 ms)
				total  7 ms

				""");
	}

	@Test
	void traceWhoseRootNeverArrivesIsPrintedIncompleteAfterTheTimeout() {
		this.exporter.export(List.of(this.a.child(3, 2, "chat gpt-4o-mini", 1, Duration.ofMillis(12), none()),
				this.a.child(2, 1, "invoke_agent assistant", 0, Duration.ofMillis(20), none()),
				this.a.child(4, 1, "invoke_agent user_proxy", 30, Duration.ofMillis(2), none())));

		this.now.set(Duration.ofSeconds(29).toNanos());
		this.exporter.printExpiredTraces();
		assertThat(output()).isEmpty();

		this.now.set(Duration.ofSeconds(30).toNanos());
		this.exporter.printExpiredTraces();
		assertThat(output()).isEqualTo("""
				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample · incomplete: root span not received within 30.0 s
				… invoke_agent assistant  (20 ms)
				  └── chat gpt-4o-mini  (12 ms)
				… invoke_agent user_proxy  (2 ms)

				""");
		assertThat(this.exporter.pendingSpans()).isZero();
	}

	@Test
	void expiredTracesAreAlsoPrintedWhenLaterSpansArrive() {
		this.exporter.export(List.of(this.a.child(2, 1, "invoke_agent assistant", 0, Duration.ofMillis(20), none())));
		this.now.set(Duration.ofSeconds(31).toNanos());
		TestSpans b = new TestSpans(TRACE_B, "ag2-tracing-sample");
		this.exporter.export(List.of(b.child(2, 1, "invoke_agent writer", 0, Duration.ofMillis(3), none())));

		assertThat(output()).startsWith("trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample · incomplete")
			.doesNotContain(TRACE_B);
		assertThat(this.exporter.pendingSpans()).isEqualTo(1);
	}

	@Test
	void oldestTracesArePrintedIncompleteWhenMoreThanTheMaximumSpansArePending() {
		TestSpans b = new TestSpans(TRACE_B, "ag2-tracing-sample");
		List<SpanData> oldest = new ArrayList<>();
		for (int i = 2; i < 9; i++) {
			oldest.add(this.a.child(i, 1, "execute_tool t" + i, i, Duration.ofMillis(1), none()));
		}
		this.exporter.export(oldest);
		assertThat(output()).isEmpty();

		this.exporter.export(List.of(b.child(2, 1, "invoke_agent a", 0, Duration.ofMillis(1), none()),
				b.child(3, 1, "invoke_agent b", 1, Duration.ofMillis(1), none()),
				b.child(4, 1, "invoke_agent c", 2, Duration.ofMillis(1), none()),
				b.child(5, 1, "invoke_agent d", 3, Duration.ofMillis(1), none())));

		assertThat(output()).startsWith(
				"trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample · incomplete: more than 10 spans pending, printed before its root span\n")
			.contains("… execute_tool t8  (1 ms)")
			.doesNotContain(TRACE_B);
		assertThat(this.exporter.pendingSpans()).isEqualTo(4);
	}

	@Test
	void pendingSpansNeverStayAboveTheMaximum() {
		for (int trace = 0; trace < 50; trace++) {
			TestSpans spans = new TestSpans(String.format("%032x", trace + 1), "svc");
			this.exporter.export(List.of(spans.child(2, 1, "a", 0, Duration.ofMillis(1), none()),
					spans.child(3, 1, "b", 0, Duration.ofMillis(1), none()),
					spans.child(4, 1, "c", 0, Duration.ofMillis(1), none())));
			assertThat(this.exporter.pendingSpans()).isLessThanOrEqualTo(10);
		}
	}

	@Test
	void shutdownPrintsPendingTracesAndRejectsLaterExports() {
		this.exporter.export(List.of(this.a.child(2, 1, "invoke_agent assistant", 0, Duration.ofMillis(20), none())));

		assertThat(this.exporter.shutdown().isSuccess()).isTrue();
		assertThat(output()).isEqualTo("""
				trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample · incomplete: root span had not ended at shutdown
				… invoke_agent assistant  (20 ms)

				""");
		CompletableResultCode late = this.exporter
			.export(List.of(this.a.root(1, "conversation user_proxy", 0, Duration.ofMillis(30), none())));
		assertThat(late.isSuccess()).isFalse();
		assertThat(this.exporter.shutdown().isSuccess()).isTrue();
		assertThat(output()).doesNotContain("conversation user_proxy");
	}

	@Test
	void backgroundCheckPrintsAnExpiredTraceWithoutFurtherExports() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ConsoleTraceTreeExporter background = new ConsoleTraceTreeExporter(
				new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofMillis(200), 100);
		try {
			background.export(List.of(this.a.child(2, 1, "invoke_agent assistant", 0, Duration.ofMillis(20), none())));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (background.pendingSpans() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(bytes.toString(StandardCharsets.UTF_8))
				.contains("incomplete: root span not received within 0.2 s\n… invoke_agent assistant  (20 ms)\n");
		}
		finally {
			background.shutdown();
		}
	}

	@Test
	void treesExportedFromManyThreadsAtOnceAreNeverInterleaved() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ConsoleTraceTreeExporter shared = new ConsoleTraceTreeExporter(
				new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(30), 10_000);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> runs = new ArrayList<>();
		for (int run = 0; run < 200; run++) {
			String traceId = String.format("%032x", run + 1);
			runs.add(threads.submit(() -> {
				TestSpans spans = new TestSpans(traceId, "svc");
				start.await();
				for (int child = 2; child < 6; child++) {
					shared.export(List.of(spans.child(child, 1, "invoke_agent " + traceId, child, Duration.ofMillis(1),
							none())));
				}
				shared.export(List.of(spans.root(1, "conversation " + traceId, 0, Duration.ofMillis(9), none())));
				return null;
			}));
		}
		start.countDown();
		for (Future<?> run : runs) {
			run.get(30, TimeUnit.SECONDS);
		}
		threads.shutdown();
		shared.shutdown();

		String[] trees = bytes.toString(StandardCharsets.UTF_8).split("\n\n");
		assertThat(trees).hasSize(200);
		for (String tree : trees) {
			String[] lines = tree.split("\n");
			String traceId = lines[0].substring("trace ".length(), "trace ".length() + 32);
			assertThat(lines).hasSize(7);
			assertThat(lines[1]).isEqualTo("conversation " + traceId + "  (9 ms)");
			for (int i = 2; i < 6; i++) {
				assertThat(lines[i]).contains("invoke_agent " + traceId);
			}
			assertThat(lines[6]).isEqualTo("total  9 ms");
		}
	}

	@Test
	void durationsReadAsMillisecondsBelowATenthOfASecondAndSecondsAbove() {
		assertThat(TraceTreeRenderer.duration(300_000)).isEqualTo("0.3 ms");
		assertThat(TraceTreeRenderer.duration(990_000)).isEqualTo("1 ms");
		assertThat(TraceTreeRenderer.duration(1_000_000)).isEqualTo("1 ms");
		assertThat(TraceTreeRenderer.duration(12_400_000)).isEqualTo("12 ms");
		assertThat(TraceTreeRenderer.duration(99_000_000)).isEqualTo("99 ms");
		assertThat(TraceTreeRenderer.duration(400_000_000)).isEqualTo("0.4 s");
		assertThat(TraceTreeRenderer.duration(1_230_000_000)).isEqualTo("1.2 s");
	}

	private String output() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

}
