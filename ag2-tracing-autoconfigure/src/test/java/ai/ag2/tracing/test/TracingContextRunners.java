package ai.ag2.tracing.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Context runners with Spring Boot's own OpenTelemetry stack (SDK, tracing bridge, AOP) plus
 * ag2-tracing, exporting to an in-memory exporter, sampling every trace.
 */
public final class TracingContextRunners {

	private TracingContextRunners() {
	}

	public static AutoConfigurations bootOpenTelemetryWithAg2() {
		return AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class);
	}

	/** Boot's OpenTelemetry stack and ag2-tracing, with an in-memory exporter bean. */
	public static ApplicationContextRunner withInMemoryExporter() {
		return new ApplicationContextRunner().withConfiguration(bootOpenTelemetryWithAg2())
			.withBean("inMemorySpanExporter", InMemorySpanExporter.class, InMemorySpanExporter::create)
			.withPropertyValues("management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.schedule-delay=10ms",
					"management.tracing.export.otlp.enabled=false");
	}

	/** Flush Boot's batch processor and return every span exported so far. */
	public static List<SpanData> finishedSpans(ApplicationContext context) {
		context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	/** A tree of the spans exported so far, once at least {@code count} have arrived. */
	public static SpanTree awaitSpans(ApplicationContext context, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> spans = finishedSpans(context);
		while (spans.size() < count && System.nanoTime() < deadline) {
			sleep();
			spans = finishedSpans(context);
		}
		return SpanTree.of(spans);
	}

	private static void sleep() {
		try {
			TimeUnit.MILLISECONDS.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
