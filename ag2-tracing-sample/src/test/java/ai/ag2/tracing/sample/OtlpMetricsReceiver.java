package ai.ag2.tracing.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;

/**
 * A stand-in OTLP/HTTP collector for metrics on 127.0.0.1: answers {@code POST /v1/metrics} as a
 * collector does and keeps each request, decoded from protobuf.
 */
final class OtlpMetricsReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();

	private OtlpMetricsReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static OtlpMetricsReceiver start() {
		try {
			return new OtlpMetricsReceiver();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the OTLP metrics receiver", ex);
		}
	}

	/** The URL to give Boot's {@code management.otlp.metrics.export.url}. */
	String metricsUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/metrics";
	}

	/** The export requests received so far, oldest first. */
	List<ExportMetricsServiceRequest> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			byte[] bytes = body.readAllBytes();
			if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/metrics")
					|| !"application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			this.received.add(ExportMetricsServiceRequest.parseFrom(bytes));
			byte[] response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (response.length > 0) ? response.length : -1);
			exchange.getResponseBody().write(response);
		}
	}

}
