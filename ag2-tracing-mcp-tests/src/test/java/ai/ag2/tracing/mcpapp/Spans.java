package ai.ag2.tracing.mcpapp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.context.ConfigurableApplicationContext;

/** The spans one application context exports, awaited as a {@link SpanTree}. */
final class Spans {

	// generous: the machine that runs the build may be loaded, and the wait ends as soon as the spans are there
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final InMemorySpanExporter exporter;

	private final SdkTracerProvider tracerProvider;

	Spans(ConfigurableApplicationContext context) {
		this.exporter = context.getBean(InMemorySpanExporter.class);
		this.tracerProvider = context.getBean(SdkTracerProvider.class);
	}

	void reset() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.exporter.reset();
	}

	/** The finished spans, once {@code until} holds for them. */
	SpanTree await(Predicate<List<SpanData>> until) {
		return SpanTree.await(this.tracerProvider, this.exporter, TIMEOUT, until);
	}

	/** The finished spans once one is named {@code name}. */
	SpanTree awaitNamed(String name) {
		return await((spans) -> spans.stream().anyMatch((span) -> span.getName().equals(name)));
	}

	/**
	 * The finished spans of trace {@code traceId}, once there is one named each of {@code names}:
	 * a server's spans end after its caller has its answer, in an order of their own, and those of
	 * an earlier call may arrive late.
	 */
	SpanTree awaitTrace(String traceId, String... names) {
		Predicate<List<SpanData>> complete = (spans) -> Stream.of(names)
			.allMatch((name) -> spans.stream()
				.anyMatch((span) -> span.getTraceId().equals(traceId) && span.getName().equals(name)));
		return SpanTree.of(await(complete).matching((span) -> span.getTraceId().equals(traceId)));
	}

}
