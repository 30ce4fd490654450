package ai.ag2.tracing.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A fake OpenAI endpoint on 127.0.0.1 for tests that run a real client against it; every request
 * is recorded with its headers. {@code POST …/chat/completions}:
 * <ul>
 * <li>a request that offers tools, unless its last message is a tool's result, is answered with
 * a call of each offered tool ({@link #TOOL_ARGUMENTS}, ids {@code call_1}, {@code call_2}, … from
 * the start or the last {@link #reset}, finish reason {@code tool_calls}, id
 * {@link #TOOL_CALL_RESPONSE_ID});</li>
 * <li>any other with the answer (finish reason {@code stop}, id {@link #RESPONSE_ID});</li>
 * <li>with {@code "stream": true}, as {@code text/event-stream} chunks (words of the answer,
 * fragments of tool arguments) ending in {@code data: [DONE]}, with a usage chunk when the request
 * asks for {@code "include_usage": true};</li>
 * <li>a request for the model {@link #FAILING_MODEL} is answered 400, and every request after
 * {@link #failWith} with that status.</li>
 * </ul>
 * {@code POST …/responses} is answered with a Responses API response (or its events, streamed),
 * id {@link #RESPONSES_ID}. Any other request is answered 404.
 */
public final class FakeOpenAiEndpoint implements AutoCloseable {

	public static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	/** The id of every completion with the text answer. */
	public static final String RESPONSE_ID = "chatcmpl-fake-1";

	/** The id of every completion that calls tools. */
	public static final String TOOL_CALL_RESPONSE_ID = "chatcmpl-fake-tool-1";

	/** The id of the first tool call after the start or a {@link #reset}. */
	public static final String TOOL_CALL_ID = "call_1";

	/** The arguments of every tool call. */
	public static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";

	/** The id of every Responses API response. */
	public static final String RESPONSES_ID = "resp_fake_1";

	/** Requests for this model are refused with 400. */
	public static final String FAILING_MODEL = "gpt-refused";

	/** Usage of every answer unless the builder says otherwise, with cached and reasoning tokens. */
	public static final Usage USAGE = new Usage(19, 7, 4L, 2L);

	private final HttpServer server;

	private final ExecutorService executor;

	private final Function<Request, String> answer;

	private final Usage answerUsage;

	private final Usage toolCallUsage;

	private final Duration firstChunkDelay;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger toolCalls = new AtomicInteger();

	private volatile int failWith;

	private volatile @Nullable CountDownLatch held;

	private FakeOpenAiEndpoint(Builder builder) throws IOException {
		this.answer = builder.answer;
		this.answerUsage = builder.answerUsage;
		this.toolCallUsage = builder.toolCallUsage;
		this.firstChunkDelay = builder.firstChunkDelay;
		this.executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "fake-openai-endpoint");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Start an endpoint whose every text completion is {@code answer}, with {@link #USAGE}. */
	public static FakeOpenAiEndpoint answering(String answer) {
		return builder(answer).start();
	}

	/** An endpoint whose every text completion is {@code answer}. */
	public static Builder builder(String answer) {
		return new Builder((request) -> answer);
	}

	/** An endpoint that answers each text completion with what {@code answer} makes of the request. */
	public static Builder builder(Function<Request, String> answer) {
		return new Builder(answer);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The base URL to give a client, with the {@code /v1} prefix OpenAI's clients expect. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + "/v1";
	}

	/** The requests received so far, oldest first. */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** How many of the requests received so far carried a {@code traceparent}. */
	public long tracedRequests() {
		return this.requests.stream().filter((request) -> request.header("traceparent") != null).count();
	}

	/** Answer every request until {@link #reset} with {@code status} and an OpenAI error body. */
	public void failWith(int status) {
		this.failWith = status;
	}

	/**
	 * Hold every answer, once its request is recorded, until {@link #releaseAnswers} (at most 10 s):
	 * for calls cancelled while they are in flight.
	 */
	public void holdAnswers() {
		this.held = new CountDownLatch(1);
	}

	/** Answer the held requests and stop holding. */
	public void releaseAnswers() {
		CountDownLatch latch = this.held;
		this.held = null;
		if (latch != null) {
			latch.countDown();
		}
	}

	/** Forget the requests received so far, start tool call ids again at {@code call_1}, stop failing and holding. */
	public void reset() {
		releaseAnswers();
		this.requests.clear();
		this.toolCalls.set(0);
		this.failWith = 0;
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
			awaitRelease();
			boolean chat = request.path().endsWith("/chat/completions");
			if (!request.method().equals("POST") || !(chat || request.path().endsWith("/responses"))) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			Object json;
			try {
				json = JsonReader.read(body);
			}
			catch (IllegalArgumentException ex) {
				send(exchange, 400, "{\"error\":{\"message\":\"not JSON\",\"type\":\"invalid_request_error\"}}");
				return;
			}
			int failure = this.failWith;
			if (failure != 0) {
				send(exchange, failure, "{\"error\":{\"message\":\"The fake endpoint failed\",\"type\":\"server_error\"}}");
			}
			else if (FAILING_MODEL.equals(JsonReader.path(json, "model"))) {
				send(exchange, 400, "{\"error\":{\"message\":\"model refused\",\"type\":\"invalid_request_error\"}}");
			}
			else if (!chat) {
				respond(exchange, request);
			}
			else {
				complete(exchange, request, json);
			}
		}
	}

	private void complete(HttpExchange exchange, Request request, @Nullable Object json) throws IOException {
		List<String> tools = toolsToCall(json);
		List<String> callIds = tools.stream().map((tool) -> "call_" + this.toolCalls.incrementAndGet()).toList();
		String answer = tools.isEmpty() ? this.answer.apply(request) : "";
		if (!request.streaming()) {
			send(exchange, 200, tools.isEmpty() ? completion(answer) : toolCallCompletion(tools, callIds));
			return;
		}
		boolean includeUsage = Boolean.TRUE.equals(JsonReader.path(json, "stream_options", "include_usage"));
		openStream(exchange);
		OutputStream out = exchange.getResponseBody();
		if (tools.isEmpty()) {
			String id = RESPONSE_ID;
			event(out, chunk(id, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null, includeUsage));
			for (String piece : pieces(answer)) {
				event(out, chunk(id, "{\"content\":" + json(piece) + "}", null, includeUsage));
			}
			event(out, chunk(id, "{}", "stop", includeUsage));
		}
		else {
			String id = TOOL_CALL_RESPONSE_ID;
			int half = TOOL_ARGUMENTS.length() / 2;
			for (int i = 0; i < tools.size(); i++) {
				event(out, chunk(id, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":" + i
						+ ",\"id\":" + json(callIds.get(i)) + ",\"type\":\"function\",\"function\":{\"name\":"
						+ json(tools.get(i)) + ",\"arguments\":\"\"}}]}", null, includeUsage));
				for (String fragment : List.of(TOOL_ARGUMENTS.substring(0, half), TOOL_ARGUMENTS.substring(half))) {
					event(out, chunk(id, "{\"tool_calls\":[{\"index\":" + i + ",\"function\":{\"arguments\":"
							+ json(fragment) + "}}]}", null, includeUsage));
				}
			}
			event(out, chunk(id, "{}", "tool_calls", includeUsage));
		}
		if (includeUsage) {
			event(out, head(tools.isEmpty() ? RESPONSE_ID : TOOL_CALL_RESPONSE_ID, "chat.completion.chunk")
					+ ",\"choices\":[]," + (tools.isEmpty() ? this.answerUsage : this.toolCallUsage).json() + "}");
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	// Every offered tool, unless the conversation already ends with a tool's result
	private static List<String> toolsToCall(@Nullable Object request) {
		if (!(JsonReader.path(request, "tools") instanceof List<?> tools)) {
			return List.of();
		}
		if (JsonReader.path(request, "messages") instanceof List<?> messages && !messages.isEmpty()
				&& "tool".equals(JsonReader.path(messages.get(messages.size() - 1), "role"))) {
			return List.of();
		}
		List<String> names = new ArrayList<>();
		for (Object tool : tools) {
			names.add(String.valueOf(JsonReader.path(tool, "function", "name")));
		}
		return names;
	}

	private String completion(String answer) {
		return head(RESPONSE_ID, "chat.completion") + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
				+ "\"content\":" + json(answer) + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
				+ this.answerUsage.json() + "}";
	}

	private String toolCallCompletion(List<String> tools, List<String> callIds) {
		StringBuilder calls = new StringBuilder();
		for (int i = 0; i < tools.size(); i++) {
			calls.append((i > 0) ? "," : "")
				.append("{\"id\":")
				.append(json(callIds.get(i)))
				.append(",\"type\":\"function\",\"function\":{\"name\":")
				.append(json(tools.get(i)))
				.append(",\"arguments\":")
				.append(json(TOOL_ARGUMENTS))
				.append("}}");
		}
		return head(TOOL_CALL_RESPONSE_ID, "chat.completion") + ",\"choices\":[{\"index\":0,\"message\":{\"role\":"
				+ "\"assistant\",\"content\":null,\"refusal\":null,\"tool_calls\":[" + calls + "]},\"logprobs\":null,"
				+ "\"finish_reason\":\"tool_calls\"}]," + this.toolCallUsage.json() + "}";
	}

	private static String chunk(String id, String delta, @Nullable String finishReason, boolean includeUsage) {
		return head(id, "chat.completion.chunk") + ",\"choices\":[{\"index\":0,\"delta\":" + delta
				+ ",\"logprobs\":null,\"finish_reason\":" + ((finishReason != null) ? json(finishReason) : "null") + "}]"
				+ (includeUsage ? ",\"usage\":null" : "") + "}";
	}

	// An object's first members, left open for the rest
	private static String head(String id, String object) {
		return "{\"id\":" + json(id) + ",\"object\":" + json(object) + ",\"created\":1700000000,\"model\":"
				+ json(RESPONSE_MODEL) + ",\"system_fingerprint\":\"fp_fake\"";
	}

	private void respond(HttpExchange exchange, Request request) throws IOException {
		String answer = this.answer.apply(request);
		if (!request.streaming()) {
			send(exchange, 200, response(answer, "completed"));
			return;
		}
		openStream(exchange);
		OutputStream out = exchange.getResponseBody();
		out.write(("event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"
				+ "\"response\":" + response(answer, "in_progress") + "}\n\n").getBytes(StandardCharsets.UTF_8));
		int sequence = 1;
		for (String piece : pieces(answer)) {
			out.write(("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
					+ "\"sequence_number\":" + sequence++ + ",\"item_id\":\"msg_fake_1\",\"output_index\":0,"
					+ "\"content_index\":0,\"delta\":" + json(piece) + ",\"logprobs\":[]}\n\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		out.write(("event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":"
				+ sequence + ",\"response\":" + response(answer, "completed") + "}\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private String response(String answer, String status) {
		Usage usage = this.answerUsage;
		return "{\"id\":\"" + RESPONSES_ID + "\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\""
				+ status + "\",\"model\":\"" + RESPONSE_MODEL + "\",\"output\":[{\"type\":\"message\","
				+ "\"id\":\"msg_fake_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":"
				+ "\"output_text\",\"text\":" + json(answer) + ",\"annotations\":[]}]}],\"parallel_tool_calls\":true,"
				+ "\"tool_choice\":\"auto\",\"tools\":[],\"temperature\":1.0,\"top_p\":1.0,"
				+ "\"incomplete_details\":null,\"error\":null,\"instructions\":null,\"metadata\":{},"
				+ "\"usage\":{\"input_tokens\":" + usage.promptTokens() + ",\"input_tokens_details\":{\"cached_tokens\":"
				+ orZero(usage.cachedTokens()) + "},\"output_tokens\":" + usage.completionTokens()
				+ ",\"output_tokens_details\":{\"reasoning_tokens\":" + orZero(usage.reasoningTokens())
				+ "},\"total_tokens\":" + (usage.promptTokens() + usage.completionTokens()) + "}}";
	}

	private void openStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		if (!this.firstChunkDelay.isZero()) {
			try {
				TimeUnit.NANOSECONDS.sleep(this.firstChunkDelay.toNanos());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void awaitRelease() {
		CountDownLatch latch = this.held;
		if (latch != null) {
			try {
				latch.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static long orZero(@Nullable Long tokens) {
		return (tokens != null) ? tokens : 0;
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

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
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

	/** What an endpoint answers: set what a test asserts on, then {@link #start}. */
	public static final class Builder {

		private final Function<Request, String> answer;

		private Usage answerUsage = USAGE;

		private Usage toolCallUsage = USAGE;

		private Duration firstChunkDelay = Duration.ZERO;

		private Builder(Function<Request, String> answer) {
			this.answer = answer;
		}

		/** The usage of each completion with the text answer (and of each Responses API response). */
		public Builder answerUsage(Usage usage) {
			this.answerUsage = usage;
			return this;
		}

		/** The usage of each completion that calls tools. */
		public Builder toolCallUsage(Usage usage) {
			this.toolCallUsage = usage;
			return this;
		}

		/** How long a stream waits after its headers before its first chunk (for time-to-first-chunk). */
		public Builder firstChunkDelay(Duration delay) {
			this.firstChunkDelay = delay;
			return this;
		}

		/** Start the endpoint on a free port of 127.0.0.1. */
		public FakeOpenAiEndpoint start() {
			try {
				return new FakeOpenAiEndpoint(this);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the fake OpenAI endpoint", ex);
			}
		}

	}

	/**
	 * Token usage of one completion, as OpenAI reports it.
	 * @param promptTokens input tokens
	 * @param completionTokens output tokens
	 * @param cachedTokens input tokens read from the provider's cache; {@code null}: not reported
	 * @param reasoningTokens output tokens spent reasoning; {@code null}: not reported
	 */
	public record Usage(long promptTokens, long completionTokens, @Nullable Long cachedTokens,
			@Nullable Long reasoningTokens) {

		/** Input and output tokens, without details. */
		public static Usage of(long promptTokens, long completionTokens) {
			return new Usage(promptTokens, completionTokens, null, null);
		}

		String json() {
			return "\"usage\":{\"prompt_tokens\":" + this.promptTokens + ",\"completion_tokens\":" + this.completionTokens
					+ ",\"total_tokens\":" + (this.promptTokens + this.completionTokens)
					+ ((this.cachedTokens != null)
							? ",\"prompt_tokens_details\":{\"cached_tokens\":" + this.cachedTokens + "}" : "")
					+ ((this.reasoningTokens != null)
							? ",\"completion_tokens_details\":{\"reasoning_tokens\":" + this.reasoningTokens + "}" : "")
					+ "}";
		}

	}

	/**
	 * One request as the endpoint received it.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param headers the headers, names case-insensitive
	 * @param body the body as UTF-8 text
	 */
	public record Request(String method, String path, Map<String, List<String>> headers, String body) {

		/** The first value of a header, or {@code null}. */
		public @Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		/** Every value of a header: a header sent on several lines has several. */
		public List<String> headerValues(String name) {
			return this.headers.getOrDefault(name, List.of());
		}

		/** Whether the client asked for a streamed answer. */
		public boolean streaming() {
			try {
				return Boolean.TRUE.equals(JsonReader.path(JsonReader.read(this.body), "stream"));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

}
