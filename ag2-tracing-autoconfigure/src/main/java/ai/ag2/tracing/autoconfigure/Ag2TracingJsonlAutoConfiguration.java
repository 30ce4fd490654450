package ai.ag2.tracing.autoconfigure;

import java.nio.file.Path;

import ai.ag2.tracing.internal.jsonl.JsonlSpanExporter;
import ai.ag2.tracing.internal.jsonl.RollingJsonlFile;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the JSONL span mirror: with
 * {@code ag2.tracing.jsonl.path} set, a {@link SpanExporter} bean that writes every export batch
 * to that file as one line of OTLP/JSON, rolled at {@code jsonl.max-file-size}. Spring Boot's
 * OpenTelemetry tracing auto-configuration hands every {@code SpanExporter} bean to its batch
 * span processor, so the file is written off the application's threads, beside OTLP, Zipkin or
 * the console. The encoding is OpenTelemetry's own ({@code opentelemetry-exporter-logging-otlp},
 * which needs Jackson 2's {@code jackson-core}; ag2-tracing-starter brings both): without them a
 * WARN at start-up says what to add.
 *
 * @see Ag2TracingProperties.Jsonl
 */
@AutoConfiguration
@ConditionalOnClass(SpanExporter.class)
@ConditionalOnEnabledAg2Tracing
@ConditionalOnProperty("ag2.tracing.jsonl.path")
@EnableConfigurationProperties(Ag2TracingProperties.class)
public final class Ag2TracingJsonlAutoConfiguration {

	static final String OTLP_JSON_EXPORTER = "io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter";

	static final String JACKSON_CORE = "com.fasterxml.jackson.core.JsonFactory";

	Ag2TracingJsonlAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { OTLP_JSON_EXPORTER, JACKSON_CORE })
	static class JsonlExporterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JsonlSpanExporter ag2JsonlSpanExporter(Ag2TracingProperties properties) {
			Ag2TracingProperties.Jsonl jsonl = properties.getJsonl();
			return new JsonlSpanExporter(new RollingJsonlFile(Path.of(jsonl.getPath()),
					jsonl.getMaxFileSize().toBytes(), jsonl.getMaxFiles()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(EncoderMissing.class)
	static class MissingEncoderConfiguration {

		@Bean
		InitializingBean ag2JsonlEncoderMissing(Ag2TracingProperties properties) {
			return () -> LogFactory.getLog(Ag2TracingJsonlAutoConfiguration.class)
				.warn("ag2-tracing: ag2.tracing.jsonl.path is set (" + properties.getJsonl().getPath()
						+ ") but no spans are written there: the JSONL mirror needs "
						+ "io.opentelemetry:opentelemetry-exporter-logging-otlp and "
						+ "com.fasterxml.jackson.core:jackson-core on the classpath (ag2-tracing-starter brings both)");
		}

	}

	/** The OTLP JSON exporter or the Jackson 2 core it writes with is missing. */
	static final class EncoderMissing extends AnyNestedCondition {

		EncoderMissing() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingClass(OTLP_JSON_EXPORTER)
		static final class ExporterMissing {

		}

		@ConditionalOnMissingClass(JACKSON_CORE)
		static final class JacksonCoreMissing {

		}

	}

}
