package ai.ag2.tracing.sample.llm;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.LlmClient;

/**
 * A language model that answers from a script, so the sample runs without an API key. It plays
 * the answers of AG2's tracing walkthrough: it asks for the weather tool, picks speakers in the
 * group chat, writes a small Java program, and otherwise answers from a short table. Token usage
 * is counted as one token per four characters, a rough but deterministic stand-in, and reported
 * with {@link Ag2Span} like any client that knows its usage.
 */
@LlmClient(provider = "openai")
public class ScriptedLlm implements LanguageModel {

	/** System message prefix of the agent that picks the next speaker in a group chat. */
	public static final String SPEAKER_SELECTOR_PROMPT = "Pick the next speaker.";

	/** System message prefix of the agent that writes code. */
	public static final String CODER_PROMPT = "You write small Java programs.";

	/** System message of the agent that plans work and sends it for review. */
	public static final String PLANNER_PROMPT = "You plan the work: reply with one task for a reviewer.";

	/** System message of the agent that reviews tasks. */
	public static final String REVIEWER_PROMPT = "You review tasks: reply with a short verdict.";

	/** The program the scripted coder writes: prints the first ten primes. */
	public static final String PRIMES_PROGRAM = """
			public class Primes {
				public static void main(String[] args) {
					StringBuilder primes = new StringBuilder();
					for (int n = 2, found = 0; found < 10; n++) {
						boolean prime = true;
						for (int d = 2; d * d <= n; d++) {
							prime &= (n % d != 0);
						}
						if (prime) {
							primes.append(found++ == 0 ? "" : " ").append(n);
						}
					}
					System.out.println(primes);
				}
			}
			""";

	private static final Pattern CITY = Pattern.compile("weather in ([A-Z][\\p{L} ]*[\\p{L}])");

	private static final Pattern CANDIDATES = Pattern.compile("Candidates: ([\\w, ]+)\\.");

	private final AtomicLong responses = new AtomicLong();

	@Override
	public ChatReply chat(ChatRequest request) {
		ChatReply reply = answer(request);
		long input = request.messages().stream().mapToLong((message) -> tokens(message.text()) + 4).sum();
		Ag2Span.current()
			.setUsage(input, Math.max(1, tokens(reply.content()) + 8L * reply.toolCalls().size()))
			.setFinishReasons(reply.finishReason())
			.setResponseId("chatcmpl-scripted-" + this.responses.incrementAndGet());
		return reply;
	}

	private ChatReply answer(ChatRequest request) {
		ChatMessage last = request.lastMessage();
		String system = request.systemMessage();
		String model = request.model();
		if ("tool".equals(last.role())) {
			return ChatReply.text(last.text().replace("The weather in ", "In ").replace(" is ", " it is "), model);
		}
		if (!request.tools().isEmpty()) {
			Matcher city = CITY.matcher(last.text());
			String argument = city.find() ? city.group(1) : "Tokyo";
			ToolDefinition tool = request.tools().get(0);
			ToolCall call = new ToolCall("call_" + this.responses.get(), tool.name(),
					"{\"" + tool.parameter() + "\":\"" + argument + "\"}");
			return new ChatReply("", List.of(call), "tool_calls", model);
		}
		if (system.startsWith(SPEAKER_SELECTOR_PROMPT)) {
			return ChatReply.text(nextSpeaker(request), model);
		}
		if (system.startsWith(CODER_PROMPT)) {
			boolean ran = request.messages().stream().anyMatch((message) -> message.text().startsWith("exitcode: 0"));
			return ChatReply.text(ran ? "The program printed the first ten primes. TERMINATE"
					: "Here is the program:\n```java\n" + PRIMES_PROGRAM + "```", model);
		}
		return ChatReply.text(tableAnswer(system, last.text()), model);
	}

	// Each candidate speaks once, in the order listed.
	private static String nextSpeaker(ChatRequest request) {
		Matcher candidates = CANDIDATES.matcher(request.lastMessage().text());
		if (!candidates.find()) {
			return "";
		}
		for (String candidate : candidates.group(1).split(",\\s*")) {
			boolean spoke = request.messages().stream().anyMatch((message) -> candidate.equals(message.name()));
			if (!spoke) {
				return candidate;
			}
		}
		return candidates.group(1).split(",\\s*")[0];
	}

	private static String tableAnswer(String system, String question) {
		String role = system.toLowerCase(Locale.ROOT);
		if (role.contains("you research")) {
			return "Notes: GenAI semantic conventions name each span by operation and model, "
					+ "and W3C traceparent carries the trace across services.";
		}
		if (role.contains("you plan")) {
			return "Task: add a retry with backoff to the payment client.";
		}
		if (role.contains("you review")) {
			return "Approved: cap the retries at three.";
		}
		if (role.contains("technical problems")) {
			return "Run it under gdb, read the backtrace, then check the native libraries it loads.";
		}
		if (role.contains("you write")) {
			return "Spans nest like branches; one trace tells the whole tale.";
		}
		String text = question.toLowerCase(Locale.ROOT);
		if (text.contains("primary colors")) {
			return "Red, yellow and blue in paint; red, green and blue in light.";
		}
		if (text.contains("capital of france")) {
			return "Paris.";
		}
		if (text.contains("speed of light")) {
			return "About 299,792 km per second.";
		}
		if (text.contains("largest planet")) {
			return "Jupiter.";
		}
		return "Noted.";
	}

	private static long tokens(String text) {
		return (text.length() + 3) / 4;
	}

}
