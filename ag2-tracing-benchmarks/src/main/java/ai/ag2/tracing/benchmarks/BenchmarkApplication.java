package ai.ag2.tracing.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingMetricsAutoConfiguration;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.annotations.InstrumentationAnnotationsAutoConfiguration;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * The Spring application every benchmark runs in, configured as users configure theirs: Boot's
 * OpenTelemetry SDK, tracing and observation auto-configuration (with the {@code @Observed}
 * aspect), the {@code @WithSpan} aspect of the OpenTelemetry starter, Spring AOP and
 * ag2-tracing; every span sampled and handed to Boot's batch span processor.
 */
final class BenchmarkApplication {

	private static final List<String> COMMON_PROPERTIES = List.of("spring.main.banner-mode=off",
			"spring.application.name=ag2-tracing-benchmarks", "logging.level.root=warn",
			"management.tracing.sampling.probability=1.0", "management.observations.annotations.enabled=true");

	// Held so that the level sticks: java.util.logging keeps loggers weakly.
	private static final Logger batchSpanProcessorLogger = Logger
		.getLogger("io.opentelemetry.sdk.trace.export.BatchSpanProcessor");

	private BenchmarkApplication() {
	}

	/** The application with a counting exporter, so that export costs nothing. */
	static ConfigurableApplicationContext withCountingExporter(String... properties) {
		return start(CountingExporterConfiguration.class, properties);
	}

	/**
	 * The application with a counting exporter and the meter registry the starter brings (Boot's
	 * OTLP registry, stepping once an hour so that it never exports during a run; its one export
	 * when the trial ends finds no collector and logs so), with ag2's metrics auto-configuration;
	 * {@code ag2.tracing.metrics.enabled=false} turns ag2's metrics off and leaves the registry.
	 */
	static ConfigurableApplicationContext withCountingExporterAndMeterRegistry(String... properties) {
		List<String> all = new ArrayList<>(List.of("management.otlp.metrics.export.step=1h"));
		all.addAll(List.of(properties));
		return start(new Class<?>[] { CountingExporterConfiguration.class, MeterRegistryConfiguration.class },
				all.toArray(String[]::new));
	}

	/** The application with Boot's OTLP exporter, configured by {@code properties}. */
	static ConfigurableApplicationContext withOtlpExporter(String... properties) {
		return start(OtlpExporterConfiguration.class, properties);
	}

	private static ConfigurableApplicationContext start(Class<?> exporterConfiguration, String... properties) {
		return start(new Class<?>[] { exporterConfiguration }, properties);
	}

	private static ConfigurableApplicationContext start(Class<?>[] configurations, String... properties) {
		// A span per call outruns any exporter in a benchmark loop: the queue drops, and must not log each drop.
		batchSpanProcessorLogger.setLevel(Level.SEVERE);
		List<String> all = new ArrayList<>(COMMON_PROPERTIES);
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(List.of(TracedBeansConfiguration.class));
		sources.addAll(List.of(configurations));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, AopAutoConfiguration.class,
			OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
			MicrometerTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
			InstrumentationAnnotationsAutoConfiguration.class, Ag2TracingAutoConfiguration.class })
	static class TracedBeansConfiguration {

		@Bean
		PlainWeatherTool plainWeatherTool() {
			return new PlainWeatherTool();
		}

		@Bean
		HandWrittenSpanWeatherTool handWrittenSpanWeatherTool(Tracer tracer) {
			return new HandWrittenSpanWeatherTool(tracer);
		}

		@Bean
		Ag2WeatherTool ag2WeatherTool() {
			return new Ag2WeatherTool();
		}

		@Bean
		Ag2ChatClient ag2ChatClient() {
			return new Ag2ChatClient();
		}

		@Bean
		ObservedWeatherTool observedWeatherTool() {
			return new ObservedWeatherTool();
		}

		@Bean
		WithSpanWeatherTool withSpanWeatherTool() {
			return new WithSpanWeatherTool();
		}

		@Bean
		ProceedOnlyAspect proceedOnlyAspect() {
			return new ProceedOnlyAspect();
		}

		@Bean
		ProceedOnlyWeatherTool proceedOnlyWeatherTool() {
			return new ProceedOnlyWeatherTool();
		}

		// the floor of ag2's own interception: a static pointcut and a plain MethodInterceptor, as ag2's advisor
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Advisor proceedOnlyInterceptorAdvisor() {
			return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(InterceptedOnly.class),
					new ProceedOnlyInterceptor());
		}

		@Bean
		InterceptedOnlyWeatherTool interceptedOnlyWeatherTool() {
			return new InterceptedOnlyWeatherTool();
		}

		@Bean
		Ag2WeatherAgent ag2WeatherAgent() {
			return new Ag2WeatherAgent();
		}

		@Bean
		HandWrittenSpanWeatherAgent handWrittenSpanWeatherAgent(Tracer tracer) {
			return new HandWrittenSpanWeatherAgent(tracer);
		}

		@Bean
		HandWrittenSpanChatClient handWrittenSpanChatClient(Tracer tracer) {
			return new HandWrittenSpanChatClient(tracer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingExporterConfiguration {

		@Bean
		CountingSpanExporter countingSpanExporter() {
			return new CountingSpanExporter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			OtlpMetricsExportAutoConfiguration.class, Ag2TracingMetricsAutoConfiguration.class })
	static class MeterRegistryConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(OtlpTracingAutoConfiguration.class)
	static class OtlpExporterConfiguration {

	}

}
