package ai.ag2.tracing.sample;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import zipkin2.reporter.urlconnection.URLConnectionSender;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Test auto-configuration that gives every application context of the test JVM (the sample and
 * the research service it starts) a Zipkin {@code SpanExporter} bean when
 * {@value #ENDPOINT_PROPERTY} is set: the bean a user declares to send spans to Zipkin, which
 * Spring Boot's OpenTelemetry SDK exports to beside its other exporters. It sends with the JDK's
 * {@code URLConnection}: the exporter's default OkHttp sender needs the OkHttp and Okio versions
 * it was built with, which an application's other libraries may not agree on.
 */
@AutoConfiguration
@ConditionalOnProperty(ZipkinTestExport.ENDPOINT_PROPERTY)
public final class ZipkinTestExport {

	/** Zipkin's span intake, e.g. {@code http://127.0.0.1:9411/api/v2/spans}. */
	public static final String ENDPOINT_PROPERTY = "sample-test.zipkin.endpoint";

	@Bean
	ZipkinSpanExporter zipkinSpanExporter(Environment environment) {
		String endpoint = environment.getRequiredProperty(ENDPOINT_PROPERTY);
		return ZipkinSpanExporter.builder().setSender(URLConnectionSender.create(endpoint)).build();
	}

}
