package ai.ag2.tracing.internal.diagnostics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Explains the start-up failure of an OTLP exporter set to gRPC: ag2-tracing's starter sends OTLP
 * through the JDK {@code HttpClient} ({@code opentelemetry-exporter-sender-jdk}), which speaks
 * OTLP/HTTP only, so OpenTelemetry finds no gRPC sender and Spring Boot's exporter bean fails deep
 * in a chain of bean creation errors. The analysis names the property that asked for gRPC, the
 * way back to HTTP, and the senders that would add gRPC, with the OkHttp 5 clash one of them
 * brings beside Spring AI's OpenAI client and the OpenAI Java SDK.
 * <p>
 * Internal API: may change without notice.
 */
final class MissingGrpcSenderFailureAnalyzer implements FailureAnalyzer {

	// How OpenTelemetry's exporter builders fail when no GrpcSenderProvider is on the class path
	private static final String NO_GRPC_SENDER = "No GrpcSenderProvider found on classpath";

	private static final List<Signal> SIGNALS = List.of(
			new Signal("spans", "management.opentelemetry.tracing.export.otlp", "/v1/traces"),
			new Signal("log records", "management.opentelemetry.logging.export.otlp", "/v1/logs"));

	private final Environment environment;

	MissingGrpcSenderFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		Throwable cause = missingGrpcSender(failure);
		if (cause == null) {
			return null;
		}
		List<Signal> grpc = new ArrayList<>();
		for (Signal signal : SIGNALS) {
			if ("grpc".equalsIgnoreCase(this.environment.getProperty(signal.transportProperty()))) {
				grpc.add(signal);
			}
		}
		return new FailureAnalysis(description(grpc), action(grpc), cause);
	}

	private static @Nullable Throwable missingGrpcSender(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable candidate = failure; candidate != null && seen.add(candidate); candidate = candidate
			.getCause()) {
			String message = candidate.getMessage();
			if (candidate instanceof IllegalStateException && message != null && message.startsWith(NO_GRPC_SENDER)) {
				return candidate;
			}
		}
		return null;
	}

	private static String description(List<Signal> grpc) {
		String what;
		if (grpc.isEmpty()) {
			what = "An OTLP exporter is set to gRPC";
		}
		else {
			String names = String.join(" and ", grpc.stream().map(Signal::name).toList());
			what = Character.toUpperCase(names.charAt(0)) + names.substring(1) + " are to be exported over OTLP/gRPC ("
					+ String.join(", ", grpc.stream().map((signal) -> signal.transportProperty() + "=grpc").toList())
					+ ")";
		}
		return what + ", but no OpenTelemetry gRPC sender is on the class path. ag2-tracing-starter sends OTLP "
				+ "through the JDK HttpClient (io.opentelemetry:opentelemetry-exporter-sender-jdk), which speaks "
				+ "OTLP over HTTP only.";
	}

	private static String action(List<Signal> grpc) {
		String http;
		if (grpc.isEmpty()) {
			http = "Export over OTLP/HTTP (OtlpHttpSpanExporter, OtlpHttpLogRecordExporter; port 4318)";
		}
		else {
			http = "Export over OTLP/HTTP: remove "
					+ String.join(" and ", grpc.stream().map(Signal::transportProperty).toList())
					+ " (HTTP is the default) and point " + String.join(" and ", grpc.stream()
						.map((signal) -> signal.endpointProperty() + " at http://<collector>:4318" + signal.httpPath())
						.toList());
		}
		String nl = System.lineSeparator();
		return http + "." + nl + "Or keep gRPC and add one gRPC sender to your dependencies:" + nl
				+ "    - io.opentelemetry:opentelemetry-exporter-sender-grpc-managed-channel with a gRPC transport such as "
				+ "io.grpc:grpc-netty-shaded (Spring Boot manages both versions; no OkHttp), or" + nl
				+ "    - io.opentelemetry:opentelemetry-exporter-sender-okhttp, which brings OkHttp 5 "
				+ "(com.squareup.okhttp3:okhttp-jvm) back: beside Spring AI's OpenAI client or the OpenAI Java SDK, "
				+ "which run on OkHttp 4 and okio 3.6, their calls then fail with "
				+ "NoSuchMethodError okio.Okio.socket(java.net.Socket).";
	}

	private record Signal(String name, String prefix, String httpPath) {

		String transportProperty() {
			return this.prefix + ".transport";
		}

		String endpointProperty() {
			return this.prefix + ".endpoint";
		}

	}

}
