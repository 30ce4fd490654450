package ai.ag2.tracing.springaimcp;

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
 * A fake OpenAI chat-completions endpoint on 127.0.0.1 for tests that run a real client against
 * it. Every {@code POST …/chat/completions} is recorded and answered, as JSON or, when the request
 * asks for {@code "stream": true}, as {@code text/event-stream} chunks ending in
 * {@code data: [DONE]} (with a usage chunk when it asks for {@code "include_usage": true}). A
 * request that offers tools and holds no tool result yet is answered with a call of
 * {@link #TOOL_NAME} (its {@link #TOOL_CALL_USAGE}); any other with the text answer (its
 * {@link #ANSWER_USAGE}). Any other request is recorded and answered 404.
 */
final class FakeOpenAiEndpoint implements AutoCloseable {

	static final String RESPONSE_ID = "chatcmpl-fake-1";

	static final String TOOL_CALL_RESPONSE_ID = "chatcmpl-fake-tool-1";

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	static final String TOOL_NAME = "get_weather";

	static final String TOOL_CALL_ID = "call_weather_1";

	static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";

	/** Usage of the completion that asks for the tool. */
	static final Usage TOOL_CALL_USAGE = new Usage(83, 17, 64);

	/** Usage of the completion with the text answer. */
	static final Usage ANSWER_USAGE = new Usage(121, 23, 80);

	private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

	private static final Pattern INCLUDE_USAGE = Pattern.compile("\"include_usage\"\\s*:\\s*true");

	private static final Pattern OFFERS_TOOLS = Pattern.compile("\"tools\"\\s*:\\s*\\[\\s*\\{");

	private static final Pattern HAS_TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

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
	 * @param answer the assistant message content of every text completion
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

	/** The base URL to give a client, with the {@code /v1} prefix OpenAI's clients expect. */
	String baseUrl() {
		return "http://127.0.0.1:" + port() + "/v1";
	}

	int port() {
		return this.server.getAddress().getPort();
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
			if (!request.method().equals("POST") || !request.path().endsWith("/chat/completions")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			boolean toolCall = request.asksForToolCall();
			if (request.streaming()) {
				stream(exchange, toolCall, INCLUDE_USAGE.matcher(body).find());
			}
			else {
				send(exchange, 200, "application/json",
						(toolCall ? toolCallCompletion() : completion()).getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	private String completion() {
		return "{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\""
				+ RESPONSE_MODEL + "\",\"system_fingerprint\":\"fp_fake\",\"choices\":[{\"index\":0,\"message\":"
				+ "{\"role\":\"assistant\",\"content\":" + json(this.answer) + ",\"refusal\":null},"
				+ "\"logprobs\":null,\"finish_reason\":\"stop\"}]," + ANSWER_USAGE.json() + "}";
	}

	private String toolCallCompletion() {
		return "{\"id\":\"" + TOOL_CALL_RESPONSE_ID + "\",\"object\":\"chat.completion\",\"created\":1700000000,"
				+ "\"model\":\"" + RESPONSE_MODEL + "\",\"system_fingerprint\":\"fp_fake\",\"choices\":[{\"index\":0,"
				+ "\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":null,\"tool_calls\":[{\"id\":\""
				+ TOOL_CALL_ID + "\",\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME + "\",\"arguments\":"
				+ json(TOOL_ARGUMENTS) + "}}]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
				+ TOOL_CALL_USAGE.json() + "}";
	}

	private void stream(HttpExchange exchange, boolean toolCall, boolean includeUsage) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String id = toolCall ? TOOL_CALL_RESPONSE_ID : RESPONSE_ID;
		if (toolCall) {
			event(out, chunk(id, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\""
					+ TOOL_CALL_ID + "\",\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME
					+ "\",\"arguments\":\"\"}}]}", null, includeUsage));
			int half = TOOL_ARGUMENTS.length() / 2;
			for (String piece : List.of(TOOL_ARGUMENTS.substring(0, half), TOOL_ARGUMENTS.substring(half))) {
				event(out, chunk(id, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + json(piece)
						+ "}}]}", null, includeUsage));
			}
			event(out, chunk(id, "{}", "tool_calls", includeUsage));
		}
		else {
			event(out, chunk(id, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null, includeUsage));
			for (String piece : pieces(this.answer)) {
				event(out, chunk(id, "{\"content\":" + json(piece) + "}", null, includeUsage));
			}
			event(out, chunk(id, "{}", "stop", includeUsage));
		}
		if (includeUsage) {
			event(out, "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
					+ "\"model\":\"" + RESPONSE_MODEL + "\",\"choices\":[],"
					+ (toolCall ? TOOL_CALL_USAGE : ANSWER_USAGE).json() + "}");
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String chunk(String id, String delta, @Nullable String finishReason, boolean includeUsage) {
		return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
				+ RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,"
				+ "\"finish_reason\":" + ((finishReason != null) ? json(finishReason) : "null") + "}]"
				+ (includeUsage ? ",\"usage\":null" : "") + "}";
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
	 * Token usage of one completion.
	 * @param promptTokens input tokens
	 * @param completionTokens output tokens
	 * @param cachedTokens input tokens read from the provider's cache
	 */
	record Usage(long promptTokens, long completionTokens, long cachedTokens) {

		String json() {
			return "\"usage\":{\"prompt_tokens\":" + this.promptTokens + ",\"completion_tokens\":" + this.completionTokens
					+ ",\"total_tokens\":" + (this.promptTokens + this.completionTokens)
					+ ",\"prompt_tokens_details\":{\"cached_tokens\":" + this.cachedTokens + "}}";
		}

	}

	/**
	 * One request as the endpoint received it.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param headers the headers, names case-insensitive
	 * @param body the body as UTF-8 text
	 */
	record Request(String method, String path, Map<String, List<String>> headers, String body) {

		/** The first value of a header, or {@code null}. */
		@Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		/** All values of a header (several header lines count separately). */
		List<String> headerValues(String name) {
			return this.headers.getOrDefault(name, List.of());
		}

		/** Whether the client asked for a streamed answer. */
		boolean streaming() {
			return STREAM.matcher(this.body).find();
		}

		/** Whether the endpoint answers this request with a tool call. */
		boolean asksForToolCall() {
			return OFFERS_TOOLS.matcher(this.body).find() && !HAS_TOOL_RESULT.matcher(this.body).find();
		}

	}

}
