package ai.ag2.tracing.openaiapp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A fake OpenAI endpoint on 127.0.0.1 for tests that run a real client against it. Every request
 * is recorded. {@code POST …/chat/completions} is answered with one canned completion: a JSON
 * body, or {@code text/event-stream} chunks ending in {@code data: [DONE]} when the request asks
 * for {@code "stream": true} (with a usage chunk when it asks for {@code "include_usage": true});
 * a request that offers {@code tools} and carries no tool result yet is answered with a call of
 * {@code get_weather}. {@code POST …/responses} is answered with a Responses API response (or its
 * events, streamed). A request for the model {@value #FAILING_MODEL} is answered 400. Any other
 * request is answered 404.
 */
final class FakeOpenAiEndpoint implements AutoCloseable {

	static final String RESPONSE_ID = "chatcmpl-fake-1";

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	static final long PROMPT_TOKENS = 19;

	static final long COMPLETION_TOKENS = 7;

	static final long CACHED_TOKENS = 4;

	static final long REASONING_TOKENS = 2;

	static final String TOOL_CALL_ID = "call_weather_1";

	static final String RESPONSES_ID = "resp_fake_1";

	/** Requests for this model are refused with 400. */
	static final String FAILING_MODEL = "gpt-refused";

	private static final Pattern OFFERS_TOOLS = Pattern.compile("\"tools\"\\s*:\\s*\\[");

	private static final Pattern HAS_TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

	private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

	private static final Pattern INCLUDE_USAGE = Pattern.compile("\"include_usage\"\\s*:\\s*true");

	private final HttpServer server;

	private final String answer;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private FakeOpenAiEndpoint(String answer) throws IOException {
		this.answer = answer;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Start an endpoint on a free port of 127.0.0.1.
	 * @param answer the assistant message content of every completion
	 * @return the running endpoint
	 */
	static FakeOpenAiEndpoint answering(String answer) {
		try {
			return new FakeOpenAiEndpoint(answer);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake OpenAI endpoint", ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** The base URL to give a client, with the {@code /v1} prefix OpenAI's clients expect. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/** The requests received so far, oldest first. */
	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** Forget the requests received so far. */
	void reset() {
		this.requests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					Collections.unmodifiableMap(headers), body);
			this.requests.add(request);
			if (request.method().equals("POST") && body.contains("\"" + FAILING_MODEL + "\"")) {
				send(exchange, 400, "application/json",
						"{\"error\":{\"message\":\"model refused\",\"type\":\"invalid_request_error\"}}"
							.getBytes(StandardCharsets.UTF_8));
			}
			else if (request.method().equals("POST") && request.path().endsWith("/responses")) {
				if (request.streaming()) {
					streamResponse(exchange);
				}
				else {
					send(exchange, 200, "application/json", response().getBytes(StandardCharsets.UTF_8));
				}
			}
			else if (!request.method().equals("POST") || !request.path().endsWith("/chat/completions")) {
				exchange.sendResponseHeaders(404, -1);
			}
			else if (OFFERS_TOOLS.matcher(body).find() && !HAS_TOOL_RESULT.matcher(body).find()) {
				send(exchange, 200, "application/json", toolCall().getBytes(StandardCharsets.UTF_8));
			}
			else if (request.streaming()) {
				stream(exchange, INCLUDE_USAGE.matcher(body).find());
			}
			else {
				send(exchange, 200, "application/json", completion().getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	private String completion() {
		return "{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
				+ RESPONSE_MODEL + "\",\"system_fingerprint\":\"fp_fake\",\"choices\":[{\"index\":0,\"message\":"
				+ "{\"role\":\"assistant\",\"content\":" + json(this.answer) + ",\"refusal\":null},"
				+ "\"logprobs\":null,\"finish_reason\":\"stop\"}]," + usage() + "}";
	}

	private String toolCall() {
		return "{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
				+ RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
				+ "\"refusal\":null,\"tool_calls\":[{\"id\":\"" + TOOL_CALL_ID + "\",\"type\":\"function\","
				+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
				+ "\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]," + usage() + "}";
	}

	private String response() {
		return "{\"id\":\"" + RESPONSES_ID + "\",\"object\":\"response\",\"created_at\":1700000000,"
				+ "\"status\":\"completed\",\"model\":\"" + RESPONSE_MODEL + "\",\"output\":[{\"type\":\"message\","
				+ "\"id\":\"msg_fake_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":"
				+ "\"output_text\",\"text\":" + json(this.answer) + ",\"annotations\":[]}]}],\"parallel_tool_calls\":true,"
				+ "\"tool_choice\":\"auto\",\"tools\":[],\"temperature\":1.0,\"top_p\":1.0,"
				+ "\"incomplete_details\":null,\"error\":null,\"instructions\":null,\"metadata\":{},"
				+ "\"usage\":{\"input_tokens\":" + PROMPT_TOKENS + ",\"input_tokens_details\":{\"cached_tokens\":"
				+ CACHED_TOKENS + "},\"output_tokens\":" + COMPLETION_TOKENS
				+ ",\"output_tokens_details\":{\"reasoning_tokens\":" + REASONING_TOKENS + "},\"total_tokens\":"
				+ (PROMPT_TOKENS + COMPLETION_TOKENS) + "}}";
	}

	private void streamResponse(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String created = response().replace("\"status\":\"completed\"", "\"status\":\"in_progress\"");
		out.write(("event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"
				+ "\"response\":" + created + "}\n\n").getBytes(StandardCharsets.UTF_8));
		int sequence = 1;
		for (String piece : pieces(this.answer)) {
			out.write(("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
					+ "\"sequence_number\":" + sequence++ + ",\"item_id\":\"msg_fake_1\",\"output_index\":0,"
					+ "\"content_index\":0,\"delta\":" + json(piece) + ",\"logprobs\":[]}\n\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		out.write(("event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":"
				+ sequence + ",\"response\":" + response() + "}\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private void stream(HttpExchange exchange, boolean includeUsage) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		event(out, chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null, includeUsage));
		for (String piece : pieces(this.answer)) {
			event(out, chunk("{\"content\":" + json(piece) + "}", null, includeUsage));
		}
		event(out, chunk("{}", "stop", includeUsage));
		if (includeUsage) {
			event(out, "{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
					+ "\"model\":\"" + RESPONSE_MODEL + "\",\"choices\":[]," + usage() + "}");
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private String chunk(String delta, @Nullable String finishReason, boolean includeUsage) {
		return "{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
				+ RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,"
				+ "\"finish_reason\":" + ((finishReason != null) ? json(finishReason) : "null") + "}]"
				+ (includeUsage ? ",\"usage\":null" : "") + "}";
	}

	private static String usage() {
		return "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
				+ ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + ",\"prompt_tokens_details\":"
				+ "{\"cached_tokens\":" + CACHED_TOKENS + "},\"completion_tokens_details\":{\"reasoning_tokens\":"
				+ REASONING_TOKENS + "}}";
	}

	// Word by word, each piece keeping its trailing space, as models stream.
	private static List<String> pieces(String text) {
		List<String> pieces = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ') {
				pieces.add(text.substring(start, i + 1));
				start = i + 1;
			}
		}
		if (start < text.length()) {
			pieces.add(text.substring(start));
		}
		return pieces;
	}

	private static void event(OutputStream out, String data) throws IOException {
		out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * One request as the endpoint received it.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param headers the headers, names case-insensitive
	 * @param body the body as UTF-8 text
	 */
	record Request(String method, String path, Map<String, List<String>> headers, String body) {

		/** Every line of a header (a header sent twice has two). */
		List<String> headerLines(String name) {
			return this.headers.getOrDefault(name, List.of());
		}

		/** The first value of a header, or {@code null}. */
		@Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		/** Whether the client asked for a streamed answer. */
		boolean streaming() {
			return STREAM.matcher(this.body).find();
		}

	}

}
