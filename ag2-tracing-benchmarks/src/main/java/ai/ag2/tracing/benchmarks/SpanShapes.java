package ai.ag2.tracing.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2Attributes;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Checks, when a trial starts, that a hand-written span is the same span as ag2's: the same name,
 * kind and attributes (keys and values). A ratio against a hand-written span with fewer attributes
 * than ag2's would flatter nobody; this makes the comparison one of like with like.
 */
final class SpanShapes {

	private SpanShapes() {
	}

	/**
	 * Run {@code calls} (each makes one ag2 span and its hand-written twin) and fail unless every
	 * span name was made once by ag2 and once by hand, with the same kind and attributes.
	 */
	static void assertSame(ConfigurableApplicationContext context, Runnable... calls) {
		CountingSpanExporter exporter = context.getBean(CountingSpanExporter.class);
		SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		exporter.keep(true);
		try {
			for (Runnable call : calls) {
				call.run();
			}
			provider.forceFlush().join(10, TimeUnit.SECONDS);
			Map<String, List<SpanData>> byName = exporter.kept()
				.stream()
				.collect(Collectors.groupingBy(SpanData::getName));
			List<String> problems = new ArrayList<>();
			byName.forEach((name, spans) -> {
				List<SpanData> ag2 = spans.stream().filter(SpanShapes::isAg2).toList();
				List<SpanData> byHand = spans.stream().filter((span) -> !isAg2(span)).toList();
				if (ag2.size() != 1 || byHand.size() != 1) {
					problems.add(name + ": " + ag2.size() + " ag2 and " + byHand.size() + " hand-written spans");
					return;
				}
				if (ag2.get(0).getKind() != byHand.get(0).getKind()
						|| !ag2.get(0).getAttributes().asMap().equals(byHand.get(0).getAttributes().asMap())) {
					problems.add(name + ": ag2 " + ag2.get(0).getKind() + " " + ag2.get(0).getAttributes() + " vs by hand "
							+ byHand.get(0).getKind() + " " + byHand.get(0).getAttributes());
				}
			});
			if (byName.size() != calls.length || !problems.isEmpty()) {
				throw new IllegalStateException("hand-written spans differ from ag2's (" + byName.size() + " names for "
						+ calls.length + " calls): " + problems);
			}
		}
		finally {
			exporter.keep(false);
		}
	}

	private static boolean isAg2(SpanData span) {
		return span.getInstrumentationScopeInfo().getName().equals(Ag2Attributes.INSTRUMENTATION_SCOPE);
	}

}
