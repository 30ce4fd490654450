package ai.ag2.tracing.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server} exec jar, in-memory storage), run as a
 * child {@code java -jar} process on 127.0.0.1 and a free port. The jar is copied to
 * {@code target/zipkin} by the build and named by the {@code zipkin-server.jar} system property.
 */
final class ZipkinServer implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ZipkinServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static ZipkinServer start() throws IOException, InterruptedException {
		String jar = System.getProperty("zipkin-server.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No Zipkin server jar at " + jar
					+ ": run the test through Maven, whose maven-dependency-plugin copies it to target/zipkin");
		}
		int port = freePort();
		Path log = Path.of(jar).resolveSibling("zipkin-" + port + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
				"--server.port=" + port, "--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1",
				"--armeria.ports[0].protocols[0]=http", "--zipkin.storage.type=mem",
				"--zipkin.self-tracing.enabled=false")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		ZipkinServer server = new ZipkinServer(process, port, log);
		try {
			server.awaitHealthy();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	/** Where an exporter sends spans: Zipkin's v2 intake. */
	String spansEndpoint() {
		return url("/api/v2/spans");
	}

	/** The spans Zipkin holds for a trace, as its HTTP API answers them; empty when it has none. */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> trace(String traceId) throws IOException, InterruptedException {
		HttpResponse<String> response = get("/api/v2/trace/" + traceId);
		if (response.statusCode() == 404) {
			return List.of();
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Zipkin answered " + response.statusCode() + ": " + response.body());
		}
		return JsonMapper.builder().build().readValue(response.body(), List.class);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void awaitHealthy() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Zipkin exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			try {
				if (get("/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		throw new IllegalStateException("Zipkin did not start within " + STARTUP_TIMEOUT + ":\n" + logTail());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private String logTail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
