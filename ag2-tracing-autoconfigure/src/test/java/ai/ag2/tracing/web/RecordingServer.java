package ai.ag2.tracing.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on 127.0.0.1 that records every request's headers (each header line, so that a
 * header sent twice shows twice) and answers {@code 200 ok}.
 */
final class RecordingServer implements AutoCloseable {

	private final HttpServer server;

	private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

	RecordingServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	/** The headers of each request so far, names case-insensitive, every line kept. */
	List<Map<String, List<String>>> requests() {
		return List.copyOf(this.requests);
	}

	/** The values of {@code name} in the only request received; fails when there were several. */
	List<String> onlyRequestHeader(String name) {
		if (this.requests.size() != 1) {
			throw new AssertionError("expected one request, got " + this.requests.size() + ": " + this.requests);
		}
		return this.requests.get(0).getOrDefault(name, List.of());
	}

	void reset() {
		this.requests.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
			this.requests.add(headers);
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
