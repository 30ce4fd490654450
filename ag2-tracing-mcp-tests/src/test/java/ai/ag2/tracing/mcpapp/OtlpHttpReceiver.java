package ai.ag2.tracing.mcpapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in OTLP/HTTP collector on 127.0.0.1: answers {@code POST /v1/traces} as a collector
 * does and keeps each request, decoded from protobuf.
 */
final class OtlpHttpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private OtlpHttpReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static OtlpHttpReceiver start() {
		try {
			return new OtlpHttpReceiver();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the OTLP receiver", ex);
		}
	}

	/** The URL to give Boot's {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
	String tracesEndpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** The export requests received so far, oldest first. */
	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			InputStream body = exchange.getRequestBody();
			String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
			if ("gzip".equalsIgnoreCase(encoding)) {
				body = new GZIPInputStream(body);
			}
			byte[] bytes = body.readAllBytes();
			if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/traces")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			this.received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
					ExportTraceServiceRequest.parseFrom(bytes)));
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (response.length > 0) ? response.length : -1);
			exchange.getResponseBody().write(response);
		}
	}

	/**
	 * One export request.
	 * @param contentType its {@code Content-Type}
	 * @param request its body, decoded
	 */
	record Received(@Nullable String contentType, ExportTraceServiceRequest request) {
	}

}
