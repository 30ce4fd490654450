package ai.ag2.tracing.internal.diagnostics;

import java.util.List;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The failures analysed are OpenTelemetry's own, raised by its exporter builders with no gRPC
 * sender to load, and wrapped as Spring Boot's exporter bean wraps them.
 */
class MissingGrpcSenderFailureAnalyzerTests {

	private static final String TRACING_TRANSPORT = "management.opentelemetry.tracing.export.otlp.transport";

	private static final String LOGGING_TRANSPORT = "management.opentelemetry.logging.export.otlp.transport";

	@Test
	void spanExportOverGrpcWithoutASenderSaysHowToExportOverHttpOrWhichSenderToAdd() {
		Throwable failure = beanCreationFailure("otlpGrpcSpanExporter", noGrpcSender(() -> OtlpGrpcSpanExporter
			.builder()
			.setEndpoint("http://127.0.0.1:4317")
			.setComponentLoader(noComponents())
			.build()));

		FailureAnalysis analysis = analyzer(new MockEnvironment().withProperty(TRACING_TRANSPORT, "grpc"))
			.analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.startsWith("Spans are to be exported over OTLP/gRPC (" + TRACING_TRANSPORT + "=grpc)")
			.contains("no OpenTelemetry gRPC sender is on the class path")
			.contains("io.opentelemetry:opentelemetry-exporter-sender-jdk")
			.doesNotContain("log records");
		assertThat(analysis.getAction())
			.startsWith("Export over OTLP/HTTP: remove " + TRACING_TRANSPORT + " (HTTP is the default) and point "
					+ "management.opentelemetry.tracing.export.otlp.endpoint at http://<collector>:4318/v1/traces")
			.contains("io.opentelemetry:opentelemetry-exporter-sender-grpc-managed-channel with a gRPC transport "
					+ "such as io.grpc:grpc-netty-shaded")
			.contains("io.opentelemetry:opentelemetry-exporter-sender-okhttp, which brings OkHttp 5 "
					+ "(com.squareup.okhttp3:okhttp-jvm) back")
			.contains("NoSuchMethodError okio.Okio.socket(java.net.Socket)");
		assertThat(analysis.getCause()).isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("No GrpcSenderProvider found on classpath");
	}

	@Test
	void logExportOverGrpcWithoutASenderNamesTheLoggingProperties() {
		Throwable failure = beanCreationFailure("otlpGrpcLogRecordExporter",
				noGrpcSender(() -> OtlpGrpcLogRecordExporter.builder().setComponentLoader(noComponents()).build()));

		FailureAnalysis analysis = analyzer(new MockEnvironment().withProperty(LOGGING_TRANSPORT, "GRPC"))
			.analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.startsWith("Log records are to be exported over OTLP/gRPC (" + LOGGING_TRANSPORT + "=grpc)");
		assertThat(analysis.getAction()).startsWith("Export over OTLP/HTTP: remove " + LOGGING_TRANSPORT)
			.contains("management.opentelemetry.logging.export.otlp.endpoint at http://<collector>:4318/v1/logs");
	}

	@Test
	void bothSignalsOverGrpcAreNamedTogether() {
		Throwable failure = noGrpcSender(
				() -> OtlpGrpcSpanExporter.builder().setComponentLoader(noComponents()).build());

		FailureAnalysis analysis = analyzer(new MockEnvironment().withProperty(TRACING_TRANSPORT, "grpc")
			.withProperty(LOGGING_TRANSPORT, "grpc")).analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Spans and log records are to be exported over OTLP/gRPC ("
				+ TRACING_TRANSPORT + "=grpc, " + LOGGING_TRANSPORT + "=grpc)");
	}

	@Test
	void grpcExporterBuiltByTheApplicationIsStillExplained() {
		Throwable failure = noGrpcSender(
				() -> OtlpGrpcSpanExporter.builder().setComponentLoader(noComponents()).build());

		FailureAnalysis analysis = analyzer(new MockEnvironment()).analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("An OTLP exporter is set to gRPC, but no OpenTelemetry gRPC "
				+ "sender is on the class path");
		assertThat(analysis.getAction()).contains("opentelemetry-exporter-sender-grpc-managed-channel");
	}

	@Test
	void otherStartupFailuresAreLeftToOtherAnalyzers() {
		MissingGrpcSenderFailureAnalyzer analyzer = analyzer(
				new MockEnvironment().withProperty(TRACING_TRANSPORT, "grpc"));

		assertThat(analyzer.analyze(beanCreationFailure("otlpHttpSpanExporter",
				new IllegalStateException("No HttpSenderProvider found on classpath. Please add dependency on "
						+ "opentelemetry-exporter-sender-okhttp or opentelemetry-exporter-sender-jdk"))))
			.isNull();
		assertThat(analyzer.analyze(new IllegalStateException((String) null))).isNull();
		assertThat(analyzer.analyze(new IllegalArgumentException("No GrpcSenderProvider found on classpath")))
			.isNull();
	}

	@Test
	void registeredAsAFailureAnalyzerInSpringFactories() {
		// Loaded as Spring Boot's FailureAnalyzers loads them: these arguments, and analyzers whose
		// classes are missing (Bean Validation here) skipped
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new MockEnvironment());

		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, (type, name, failure) -> {
			});

		assertThat(analyzers).hasAtLeastOneElementOfType(MissingGrpcSenderFailureAnalyzer.class);
	}

	private static MissingGrpcSenderFailureAnalyzer analyzer(Environment environment) {
		return new MissingGrpcSenderFailureAnalyzer(environment);
	}

	private static IllegalStateException noGrpcSender(Runnable build) {
		Throwable failure = catchThrowable(build::run);
		assertThat(failure).isInstanceOf(IllegalStateException.class);
		return (IllegalStateException) failure;
	}

	private static BeanCreationException beanCreationFailure(String beanName, Throwable cause) {
		return new BeanCreationException("spanExporters",
				"Failed to instantiate", new BeanCreationException(beanName, "Factory method threw exception", cause));
	}

	private static ComponentLoader noComponents() {
		return new ComponentLoader() {

			@Override
			public <T> Iterable<T> load(Class<T> type) {
				return List.of();
			}

		};
	}

}
