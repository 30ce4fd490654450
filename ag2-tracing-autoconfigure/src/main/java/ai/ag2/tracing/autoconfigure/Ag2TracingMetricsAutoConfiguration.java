package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.internal.metrics.ForeignGenAiMeters;
import ai.ag2.tracing.internal.metrics.GenAiMetrics;
import ai.ag2.tracing.internal.metrics.PrometheusUnits;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the OpenTelemetry GenAI metrics: when the
 * application has a Micrometer {@link MeterRegistry} (Spring Boot's, exported by whichever
 * registry the application runs: Prometheus, OTLP, …) and {@code ag2.tracing.metrics.enabled} is
 * not {@code false}, every operation ag2 records adds to the GenAI histograms and the cost
 * counter. Meters that other libraries register under the same names (Spring AI's
 * {@code gen_ai.client.token.usage} counter) are denied meanwhile. Nothing is recorded without a
 * registry.
 *
 * @see Ag2TracingProperties.Metrics
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBooleanProperty(name = "ag2.tracing.metrics.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeterRegistry.class, Ag2Operations.class })
@EnableConfigurationProperties(Ag2TracingProperties.class)
public final class Ag2TracingMetricsAutoConfiguration {

	Ag2TracingMetricsAutoConfiguration() {
	}

	/** The metrics, as a listener of every ag2 operation; after the listeners that add attributes. */
	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.LOWEST_PRECEDENCE)
	GenAiMetrics ag2GenAiMetrics(MeterRegistry meterRegistry, Ag2TracingProperties properties) {
		return new GenAiMetrics(meterRegistry, properties.getMetrics().getMaxDistinctNames());
	}

	/** Spring Boot applies every {@code MeterFilter} bean to every registry it configures. */
	@Bean
	ForeignGenAiMeters ag2ForeignGenAiMeters() {
		return new ForeignGenAiMeters();
	}

	/** Prometheus unit names, on Prometheus registries only (a customizer is applied by registry type). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ PrometheusMeterRegistry.class, MeterRegistryCustomizer.class })
	static class PrometheusConfiguration {

		@Bean
		MeterRegistryCustomizer<PrometheusMeterRegistry> ag2PrometheusUnits() {
			return (registry) -> registry.config().meterFilter(new PrometheusUnits());
		}

	}

}
