package ai.ag2.tracing.a2aapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.UrlAttributes;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application started for a test: Spring Boot's full auto-configuration, a loopback
 * port of its own (servlet applications), its own {@code service.name} and an in-memory span
 * exporter.
 */
final class RunningApp implements AutoCloseable {

	/** Properties that switch Micrometer's HTTP server and client observations off. */
	static final String[] WITHOUT_HTTP_OBSERVATIONS = { "management.observations.enable.http.server.requests=false",
			"management.observations.enable.http.client.requests=false" };

	private static final String AGENT_CARD_PATH = "/.well-known/agent-card.json";

	private final ConfigurableApplicationContext context;

	private RunningApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static RunningApp start(String name, WebApplicationType type, Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=" + name, "server.port=0",
				"server.address=127.0.0.1", "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=10ms",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
				"management.logging.export.otlp.enabled=false", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new RunningApp(new SpringApplicationBuilder(configuration, Exporter.class).web(type)
			.properties(all.toArray(String[]::new))
			.run());
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	List<SpanData> finishedSpans() {
		this.context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
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

	/**
	 * The spans of all {@code apps} once {@code complete} holds for them (or after ten seconds), and
	 * a little longer, so that a span too many shows up in the assertions.
	 */
	static List<SpanData> awaitSpans(Predicate<List<SpanData>> complete, RunningApp... apps) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> spans = collect(apps);
		while (!complete.test(spans) && System.nanoTime() < deadline) {
			sleep(10);
			spans = collect(apps);
		}
		sleep(100);
		return collect(apps);
	}

	/** Whether {@code count} spans or more have ended. */
	static Predicate<List<SpanData>> atLeast(int count) {
		return (spans) -> spans.size() >= count;
	}

	// The agent card a client fetched at start-up is served in a trace of its own, which may end
	// after a test has reset the spans: no test is about it.
	private static List<SpanData> collect(RunningApp... apps) {
		List<SpanData> spans = new ArrayList<>();
		for (RunningApp app : apps) {
			spans.addAll(app.finishedSpans());
		}
		Set<String> cardFetches = spans.stream()
			.filter((span) -> AGENT_CARD_PATH.equals(span.getAttributes().get(UrlAttributes.URL_PATH))
					|| span.getName().endsWith(AGENT_CARD_PATH))
			.map(SpanData::getTraceId)
			.collect(Collectors.toSet());
		return spans.stream().filter((span) -> !cardFetches.contains(span.getTraceId())).toList();
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
