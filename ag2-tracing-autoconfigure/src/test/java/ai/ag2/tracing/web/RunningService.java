package ai.ag2.tracing.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application started for a test, with Spring Boot's full auto-configuration, a
 * loopback port of its own, its own {@code service.name} and an in-memory span exporter.
 */
final class RunningService implements AutoCloseable {

	/** Properties that switch Micrometer's HTTP server and RestClient observations off. */
	static final String[] WITHOUT_HTTP_OBSERVATIONS = { "management.observations.enable.http.server.requests=false",
			"management.observations.enable.http.client.requests=false" };

	private final ConfigurableApplicationContext context;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static RunningService start(String name, WebApplicationType type, Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=" + name, "server.port=0",
				"server.address=127.0.0.1", "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=10ms",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
				"management.logging.export.otlp.enabled=false", "spring.main.banner-mode=off",
				// Tomcat answers 400 to headers over 8 KB before any filter runs; the tests send a 10 KB tracestate
				"server.max-http-request-header-size=64KB"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(configuration, ExporterConfiguration.class)
			.web(type)
			.properties(all.toArray(String[]::new))
			.run();
		return new RunningService(context);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	List<SpanData> finishedSpans() {
		this.context.getBean(OpenTelemetrySdk.class)
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
		return this.context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	void resetSpans() {
		finishedSpans();
		this.context.getBean(InMemorySpanExporter.class).reset();
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** The spans of all {@code services}, once at least {@code count} have arrived. */
	static SpanTree awaitSpans(int count, RunningService... services) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> spans = collect(services);
		while (spans.size() < count && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			spans = collect(services);
		}
		// a little longer, so that a span too many shows up in the assertions
		try {
			TimeUnit.MILLISECONDS.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return SpanTree.of(collect(services));
	}

	private static List<SpanData> collect(RunningService... services) {
		List<SpanData> spans = new ArrayList<>();
		for (RunningService service : services) {
			spans.addAll(service.finishedSpans());
		}
		return spans;
	}

	@Configuration(proxyBeanMethods = false)
	static class ExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
