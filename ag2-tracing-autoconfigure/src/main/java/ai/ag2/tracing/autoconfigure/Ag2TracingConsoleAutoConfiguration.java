package ai.ag2.tracing.autoconfigure;

import ai.ag2.tracing.internal.console.ConsoleTraceTreeExporter;
import ai.ag2.tracing.internal.console.SpanDetails;
import ai.ag2.tracing.internal.console.TraceTreeRenderer;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the console trace tree: with
 * {@code ag2.tracing.console.enabled=true}, a {@link SpanExporter} bean that prints each finished
 * trace as an indented tree on standard output. Spring Boot's OpenTelemetry tracing
 * auto-configuration hands every {@code SpanExporter} bean to its span processor, so the tree is
 * printed next to whatever else exports the spans (OTLP, Zipkin, …).
 *
 * @see Ag2TracingProperties.Console
 */
@AutoConfiguration
@ConditionalOnClass({ SpanExporter.class, SpanData.class })
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBooleanProperty("ag2.tracing.console.enabled")
@EnableConfigurationProperties(Ag2TracingProperties.class)
public final class Ag2TracingConsoleAutoConfiguration {

	Ag2TracingConsoleAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ConsoleTraceTreeExporter ag2ConsoleTraceTreeExporter(Ag2TracingProperties properties,
			ObjectProvider<SpanDetails> spanDetails) {
		Ag2TracingProperties.Console console = properties.getConsole();
		return new ConsoleTraceTreeExporter(System.out, console.getIncompleteTraceTimeout(),
				console.getMaxPendingSpans(), new TraceTreeRenderer(spanDetails.orderedStream().toList()));
	}

}
