package ai.ag2.tracing.sample.springai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A scripted model behind an OpenAI-compatible {@code /v1/chat/completions} endpoint on
 * 127.0.0.1, in-process, so that Spring AI's real OpenAI client (its HTTP requests, its streaming,
 * its tool loop) runs without an API key. A request that offers tools and holds no tool result
 * yet is answered with a call of {@code get_forecast}; any other with a short answer. Answers come
 * as JSON, or as server-sent events when the request asks for a stream.
 */
public final class ScriptedOpenAiEndpoint implements AutoCloseable {

	private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");

	private static final Pattern OFFERS_TOOLS = Pattern.compile("\"tools\"\\s*:\\s*\\[\\s*\\{");

	private static final Pattern HAS_TOOL_RESULT = Pattern.compile("\"role\"\\s*:\\s*\"tool\"");

	private static final Pattern CITY = Pattern.compile("(?:in|for) ([A-Z][a-zA-Z]+)");

	private static final String MODEL = "gpt-4o-mini";

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicInteger completions = new AtomicInteger();

	private ScriptedOpenAiEndpoint() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "scripted-openai-endpoint");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Start an endpoint on a free port of 127.0.0.1. */
	public static ScriptedOpenAiEndpoint start() {
		try {
			return new ScriptedOpenAiEndpoint();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the scripted OpenAI-compatible endpoint", ex);
		}
	}

	/** The base URL for Spring AI's {@code spring.ai.openai.base-url}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			boolean toolCall = OFFERS_TOOLS.matcher(body).find() && !HAS_TOOL_RESULT.matcher(body).find();
			String id = "chatcmpl-scripted-spring-ai-" + this.completions.incrementAndGet();
			Reply reply = toolCall ? Reply.toolCall(city(body)) : Reply.answer(body.contains("umbrella"));
			if (STREAM.matcher(body).find()) {
				stream(exchange, id, reply);
			}
			else {
				byte[] json = completion(id, reply).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, json.length);
				exchange.getResponseBody().write(json);
			}
		}
	}

	private static String city(String body) {
		Matcher matcher = CITY.matcher(body);
		return matcher.find() ? matcher.group(1) : "Lisbon";
	}

	private static String completion(String id, Reply reply) {
		String arguments = reply.toolArguments();
		String message = (arguments != null)
				? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_forecast_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_forecast\",\"arguments\":" + json(arguments) + "}}]}"
				: "{\"role\":\"assistant\",\"content\":" + json(reply.text()) + "}";
		return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + MODEL
				+ "\",\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + reply.finishReason()
				+ "\"}]," + reply.usage() + "}";
	}

	private static void stream(HttpExchange exchange, String id, Reply reply) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String arguments = reply.toolArguments();
		if (arguments != null) {
			event(out, chunk(id, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
					+ "\"id\":\"call_forecast_1\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\","
					+ "\"arguments\":" + json(arguments) + "}}]}", null));
		}
		else {
			event(out, chunk(id, "{\"role\":\"assistant\",\"content\":\"\"}", null));
			for (String word : words(reply.text())) {
				event(out, chunk(id, "{\"content\":" + json(word) + "}", null));
			}
		}
		event(out, chunk(id, "{}", reply.finishReason()));
		event(out, "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
				+ MODEL + "\",\"choices\":[]," + reply.usage() + "}");
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String chunk(String id, String delta, @Nullable String finishReason) {
		return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
				+ MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
				+ ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}],\"usage\":null}";
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ') {
				words.add(text.substring(start, i + 1));
				start = i + 1;
			}
		}
		words.add(text.substring(start));
		return words;
	}

	private static void event(OutputStream out, String data) throws IOException {
		out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> out.append((c < 0x20) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
			}
		}
		return out.append('"').toString();
	}

	private record Reply(String text, @Nullable String toolArguments, String finishReason, int input, int output, int cached) {

		static Reply toolCall(String city) {
			return new Reply("", "{\"city\":\"" + city + "\"}", "tool_calls", 96, 18, 64);
		}

		static Reply answer(boolean umbrella) {
			String text = umbrella ? "No umbrella needed: tomorrow stays dry and sunny."
					: "Tomorrow will be sunny, 24 C, with a light wind.";
			return new Reply(text, null, "stop", 142, 14, 96);
		}

		String usage() {
			return "\"usage\":{\"prompt_tokens\":" + this.input + ",\"completion_tokens\":" + this.output
					+ ",\"total_tokens\":" + (this.input + this.output) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
					+ this.cached + "}}";
		}

	}

}
