package ai.ag2.tracing.langchain4japp;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A fake OpenAI chat-completions endpoint on 127.0.0.1 that plays a tool round trip, for tests
 * that run LangChain4j's real OpenAI client against it. Every {@code POST …/chat/completions} is
 * recorded. A request that offers tools and does not end with a tool result is answered with a
 * call of each offered tool ({@code {"city":"Paris"}}, ids {@code call_1}, {@code call_2}, …,
 * finish reason {@code tool_calls}); any other request with {@link #ANSWER} (finish reason
 * {@code stop}). Each kind of answer has usage of its own, with OpenAI's cached and reasoning
 * token details. A request with {@code "stream": true} is answered as {@code text/event-stream}
 * chunks (tool-call arguments in fragments) with a usage chunk when it asks for one and
 * {@code data: [DONE]}. {@link #failWith} makes the requests fail with a status.
 */
final class FakeOpenAiEndpoint implements AutoCloseable {

	static final String ANSWER = "It is sunny in Paris and 21 degrees.";

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	static final String TOOL_CALL_RESPONSE_ID = "chatcmpl-tool-call";

	static final String ANSWER_RESPONSE_ID = "chatcmpl-answer";

	static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";

	/** Usage of a tool-call answer: prompt, completion, cached prompt, reasoning tokens. */
	static final Usage TOOL_CALL_USAGE = new Usage(31, 12, 5, 3);

	/** Usage of a text answer. */
	static final Usage ANSWER_USAGE = new Usage(47, 9, 0, 0);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger toolCalls = new AtomicInteger();

	private volatile int failWith;

	private FakeOpenAiEndpoint() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Start an endpoint on a free port of 127.0.0.1. */
	static FakeOpenAiEndpoint start() {
		try {
			return new FakeOpenAiEndpoint();
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

	/** How many of the requests received so far carried a {@code traceparent}. */
	long tracedRequests() {
		return this.requests.stream().filter((request) -> request.header("traceparent") != null).count();
	}

	/** Forget the requests received so far and start the tool call ids again at {@code call_1}. */
	void reset() {
		this.requests.clear();
		this.toolCalls.set(0);
		this.failWith = 0;
	}

	/** Answer every request until {@link #reset} with {@code status} and an OpenAI error body. */
	void failWith(int status) {
		this.failWith = status;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
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
			int failure = this.failWith;
			if (failure != 0) {
				send(exchange, failure, "application/json",
						"{\"error\":{\"message\":\"The fake endpoint failed\",\"type\":\"server_error\"}}");
				return;
			}
			JsonNode json = JSON.readTree(body);
			List<String> tools = toolsToCall(json);
			if (json.path("stream").asBoolean(false)) {
				stream(exchange, tools, json.path("stream_options").path("include_usage").asBoolean(false));
			}
			else {
				send(exchange, 200, "application/json", completion(tools));
			}
		}
	}

	// Every offered tool, unless the conversation already ends with a tool's result
	private static List<String> toolsToCall(JsonNode request) {
		JsonNode tools = request.path("tools");
		JsonNode messages = request.path("messages");
		JsonNode last = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : null;
		if (!tools.isArray() || (last != null && "tool".equals(last.path("role").asText()))) {
			return List.of();
		}
		List<String> names = new ArrayList<>();
		tools.forEach((tool) -> names.add(tool.path("function").path("name").asText()));
		return names;
	}

	private String completion(List<String> tools) {
		boolean callsTools = !tools.isEmpty();
		ObjectNode message = JSON.createObjectNode().put("role", "assistant");
		if (callsTools) {
			message.putNull("content");
			ArrayNode calls = message.putArray("tool_calls");
			for (int i = 0; i < tools.size(); i++) {
				calls.add(toolCall(i, nextCallId(), tools.get(i), TOOL_ARGUMENTS, true));
			}
		}
		else {
			message.put("content", ANSWER);
		}
		ObjectNode completion = base(callsTools ? TOOL_CALL_RESPONSE_ID : ANSWER_RESPONSE_ID, "chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
		choice.set("message", message);
		choice.put("finish_reason", callsTools ? "tool_calls" : "stop");
		completion.set("usage", usage(callsTools ? TOOL_CALL_USAGE : ANSWER_USAGE));
		return completion.toString();
	}

	private void stream(HttpExchange exchange, List<String> tools, boolean includeUsage) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		boolean callsTools = !tools.isEmpty();
		String id = callsTools ? TOOL_CALL_RESPONSE_ID : ANSWER_RESPONSE_ID;
		if (callsTools) {
			for (int i = 0; i < tools.size(); i++) {
				ObjectNode first = JSON.createObjectNode().put("role", "assistant").putNull("content");
				first.putArray("tool_calls").add(toolCall(i, nextCallId(), tools.get(i), "", true));
				event(out, chunk(id, first, null));
				int half = TOOL_ARGUMENTS.length() / 2;
				for (String fragment : List.of(TOOL_ARGUMENTS.substring(0, half), TOOL_ARGUMENTS.substring(half))) {
					ObjectNode delta = JSON.createObjectNode();
					delta.putArray("tool_calls").add(toolCall(i, null, null, fragment, false));
					event(out, chunk(id, delta, null));
				}
			}
			event(out, chunk(id, JSON.createObjectNode(), "tool_calls"));
		}
		else {
			event(out, chunk(id, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
			for (String piece : pieces(ANSWER)) {
				event(out, chunk(id, JSON.createObjectNode().put("content", piece), null));
			}
			event(out, chunk(id, JSON.createObjectNode(), "stop"));
		}
		if (includeUsage) {
			ObjectNode usageChunk = base(id, "chat.completion.chunk");
			usageChunk.putArray("choices");
			usageChunk.set("usage", usage(callsTools ? TOOL_CALL_USAGE : ANSWER_USAGE));
			event(out, usageChunk.toString());
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private String nextCallId() {
		return "call_" + this.toolCalls.incrementAndGet();
	}

	private static ObjectNode toolCall(int index, @Nullable String id, @Nullable String name, String arguments,
			boolean first) {
		ObjectNode call = JSON.createObjectNode().put("index", index);
		if (first) {
			call.put("id", id).put("type", "function");
		}
		ObjectNode function = call.putObject("function");
		if (name != null) {
			function.put("name", name);
		}
		function.put("arguments", arguments);
		return call;
	}

	private static String chunk(String id, ObjectNode delta, @Nullable String finishReason) {
		ObjectNode chunk = base(id, "chat.completion.chunk");
		ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
		choice.set("delta", delta);
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		return chunk.toString();
	}

	private static ObjectNode base(String id, String object) {
		return JSON.createObjectNode()
			.put("id", id)
			.put("object", object)
			.put("created", 1700000000)
			.put("model", RESPONSE_MODEL)
			.put("system_fingerprint", "fp_fake");
	}

	private static ObjectNode usage(Usage usage) {
		ObjectNode node = JSON.createObjectNode()
			.put("prompt_tokens", usage.prompt())
			.put("completion_tokens", usage.completion())
			.put("total_tokens", usage.prompt() + usage.completion());
		node.putObject("prompt_tokens_details").put("cached_tokens", usage.cached());
		node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoning());
		return node;
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

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** Token counts of one answer. */
	record Usage(long prompt, long completion, long cached, long reasoning) {
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

		/** All values of a header. */
		List<String> headerValues(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values : List.of();
		}

		/** The body as a JSON tree. */
		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
