package ai.ag2.tracing.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The starter's JDK sender speaks OTLP/HTTP only: an application set to export over gRPC fails to
 * start with a report that says which dependency to add, instead of a chain of bean creation
 * errors.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpGrpcTransportTests {

	@Test
	void grpcTransportFailsStartupWithAReportNamingTheSendersToAdd(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> new SpringApplication(SampleApplication.class).run(
				"--sample.run-walkthrough=false", "--ag2.tracing.console.enabled=false",
				"--management.opentelemetry.tracing.export.otlp.transport=grpc",
				"--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4317"));

		assertThat(failure).hasRootCauseInstanceOf(IllegalStateException.class)
			.rootCause()
			.hasMessageStartingWith("No GrpcSenderProvider found on classpath");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Spans are to be exported over OTLP/gRPC "
					+ "(management.opentelemetry.tracing.export.otlp.transport=grpc), but no OpenTelemetry gRPC "
					+ "sender is on the class path")
			.contains("point management.opentelemetry.tracing.export.otlp.endpoint at "
					+ "http://<collector>:4318/v1/traces")
			.contains("io.opentelemetry:opentelemetry-exporter-sender-grpc-managed-channel with a gRPC transport "
					+ "such as io.grpc:grpc-netty-shaded")
			.contains("io.opentelemetry:opentelemetry-exporter-sender-okhttp, which brings OkHttp 5")
			.doesNotContain("Application run failed");
	}

}
