package ai.ag2.tracing.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver on the loopback interface, inside the benchmark JVM: decodes each
 * {@code ExportTraceServiceRequest} (protobuf, optionally gzip) and counts the spans in it, as a
 * collector would before doing anything else with them.
 */
final class OtlpReceiver implements AutoCloseable {

	private static final byte[] SUCCESS = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "otlp-receiver");
		thread.setDaemon(true);
		return thread;
	});

	private final LongAdder spans = new LongAdder();

	private final LongAdder requests = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
		server.createContext("/v1/traces", this::receive);
		server.setExecutor(this.executor);
		server.start();
	}

	/** A receiver on 127.0.0.1 and a free port. */
	static OtlpReceiver start() throws IOException {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
		// ACK: about 40 ms per export, which would make the receiver, not the exporter, the bottleneck.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		return new OtlpReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
	}

	/** The OTLP/HTTP traces endpoint, for {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
	String tracesEndpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	long spans() {
		return this.spans.sum();
	}

	long requests() {
		return this.requests.sum();
	}

	long rejected() {
		return this.rejected.sum();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			ExportTraceServiceRequest request;
			try (InputStream body = body(exchange)) {
				request = ExportTraceServiceRequest.parseFrom(body);
			}
			catch (IOException ex) {
				this.rejected.increment();
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			long count = 0;
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					count += scopeSpans.getSpansCount();
				}
			}
			this.spans.add(count);
			this.requests.increment();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, SUCCESS.length);
			exchange.getResponseBody().write(SUCCESS);
		}
	}

	private static InputStream body(HttpExchange exchange) throws IOException {
		InputStream body = exchange.getRequestBody();
		return "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
				? new GZIPInputStream(body) : body;
	}

	/** Stop listening: exporters get "connection refused" from now on. */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
