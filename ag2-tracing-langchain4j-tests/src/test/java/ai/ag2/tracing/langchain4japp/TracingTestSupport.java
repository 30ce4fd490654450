package ai.ag2.tracing.langchain4japp;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.FakeOpenAiEndpoint.Usage;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the tests of the application share: the fake endpoint's script, the in-memory exporter
 * bean Spring Boot hands its span processor, and waiting for the spans of a finished trace.
 */
final class TracingTestSupport {

	static final String ANSWER = "It is sunny in Paris and 21 degrees.";

	/** Usage of a tool-call answer: prompt, completion, cached prompt, reasoning tokens. */
	static final Usage TOOL_CALL_USAGE = new Usage(31, 12, 5L, 3L);

	/** Usage of a text answer. */
	static final Usage ANSWER_USAGE = new Usage(47, 9, 0L, 0L);

	/** The fake OpenAI endpoint as these tests script it: {@link #ANSWER}, each kind of answer with usage of its own. */
	static FakeOpenAiEndpoint startEndpoint() {
		return FakeOpenAiEndpoint.builder(ANSWER).toolCallUsage(TOOL_CALL_USAGE).answerUsage(ANSWER_USAGE).start();
	}

	private TracingTestSupport() {
	}

	/** The exported spans, once {@code complete} holds for them (or after ten seconds). */
	static List<SpanData> awaitSpans(SdkTracerProvider tracerProvider, InMemorySpanExporter exporter,
			Predicate<List<SpanData>> complete) {
		return SpanTree.await(tracerProvider, exporter, Duration.ofSeconds(10), complete).spans();
	}

	/** Whether a span named {@code name} has ended (the root of a conversation's trace, say). */
	static Predicate<List<SpanData>> hasSpan(String name) {
		return (spans) -> spans.stream().anyMatch((span) -> span.getName().equals(name));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
