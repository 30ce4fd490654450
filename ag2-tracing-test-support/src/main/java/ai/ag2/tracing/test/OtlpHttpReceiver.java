package ai.ag2.tracing.test;

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
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in OTLP/HTTP collector on 127.0.0.1: answers {@code POST /v1/traces} and
 * {@code POST /v1/metrics} (protobuf only) as a collector does and keeps each request, decoded
 * from protobuf. Needs {@code io.opentelemetry.proto:opentelemetry-proto} on the test classpath,
 * which this module leaves to the modules that use the receiver.
 */
public final class OtlpHttpReceiver implements AutoCloseable {

	private static final String TRACES = "/v1/traces";

	private static final String METRICS = "/v1/metrics";

	private static final String PROTOBUF = "application/x-protobuf";

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<ExportMetricsServiceRequest> receivedMetrics = new CopyOnWriteArrayList<>();

	private OtlpHttpReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static OtlpHttpReceiver start() {
		try {
			return new OtlpHttpReceiver();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the OTLP receiver", ex);
		}
	}

	/** The URL to give Boot's {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
	public String tracesEndpoint() {
		return url(TRACES);
	}

	/** The URL to give Boot's {@code management.otlp.metrics.export.url}. */
	public String metricsUrl() {
		return url(METRICS);
	}

	/** The trace export requests received so far, oldest first. */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The metrics export requests received so far, oldest first. */
	public List<ExportMetricsServiceRequest> receivedMetrics() {
		return List.copyOf(this.receivedMetrics);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			byte[] bytes = body.readAllBytes();
			String path = exchange.getRequestURI().getPath();
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			byte[] response;
			if (exchange.getRequestMethod().equals("POST") && path.equals(TRACES)) {
				this.received.add(new Received(contentType, ExportTraceServiceRequest.parseFrom(bytes)));
				response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			}
			else if (exchange.getRequestMethod().equals("POST") && path.equals(METRICS) && PROTOBUF.equals(contentType)) {
				this.receivedMetrics.add(ExportMetricsServiceRequest.parseFrom(bytes));
				response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
			}
			else {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			exchange.getResponseHeaders().add("Content-Type", PROTOBUF);
			exchange.sendResponseHeaders(200, (response.length > 0) ? response.length : -1);
			exchange.getResponseBody().write(response);
		}
	}

	/**
	 * One trace export request.
	 * @param contentType its {@code Content-Type}
	 * @param request its body, decoded
	 */
	public record Received(@Nullable String contentType, ExportTraceServiceRequest request) {
	}

}
