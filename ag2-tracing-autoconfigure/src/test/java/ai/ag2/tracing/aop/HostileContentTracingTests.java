package ai.ag2.tracing.aop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Traced calls given values that break naive content capture: cyclic graphs, {@code toString()}s
 * that recurse or throw errors, 10 000-deep lists, maps and JSON trees, 10 MB strings, lone
 * surrogates, maps with null keys, {@code byte[]}, streams and one-shot iterables. With content
 * capture on, the caller always gets the same result or exception instance, every span ends,
 * every captured attribute stays within {@code max-content-length} (plus the marker for plain
 * text), JSON attributes parse, and no argument is read in a way that changes it.
 */
class HostileContentTracingTests {

	private static final int LIMIT = 256;

	private static final String MARKER = Ag2Attributes.TRUNCATION_MARKER;

	private static final int DEPTH_LIMIT = 10;

	private static final Set<String> JSON_ATTRIBUTES = Set.of(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS.getKey(),
			Ag2Attributes.GEN_AI_INPUT_MESSAGES.getKey(), Ag2Attributes.GEN_AI_OUTPUT_MESSAGES.getKey());

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TEN_MEGABYTES = "x".repeat(10 * 1024 * 1024);

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(HostileConfiguration.class)
		.withPropertyValues("ag2.tracing.capture-content=true", "ag2.tracing.max-content-length=" + LIMIT);

	@Test
	void aToolGivenHostileArgumentsReturnsTheSameResultAndEndsItsSpanWithinTheLimit() {
		this.runner.run((context) -> {
			HostileTool tool = context.getBean(HostileTool.class);
			for (Hostile hostile : hostileValues()) {
				Object value = hostile.value().get();
				assertThat(tool.echo(value)).as(hostile.name()).isSameAs(value);
				SpanData span = onlySpan(context, "execute_tool echo", hostile);
				assertThat(span.getStatus().getStatusCode()).as(hostile.name()).isEqualTo(StatusCode.UNSET);
				assertWithinTheLimit(span, hostile);
				assertThat(jsonAttribute(span, Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS.getKey()).has("value"))
					.as(hostile.name())
					.isTrue();
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT)).as(hostile.name())
					.isNotNull();

				IllegalStateException failure = new IllegalStateException("tool failed");
				assertThatThrownBy(() -> tool.fail(value, failure)).as(hostile.name()).isSameAs(failure);
				SpanData failed = onlySpan(context, "execute_tool fail", hostile);
				assertThat(failed.getStatus().getStatusCode()).as(hostile.name()).isEqualTo(StatusCode.ERROR);
				assertWithinTheLimit(failed, hostile);
			}
		});
	}

	@Test
	void anLlmClientGivenHostileMessagesReturnsTheSameResponseAndEndsItsSpanWithinTheLimit() {
		this.runner.run((context) -> {
			HostileLlm llm = context.getBean(HostileLlm.class);
			for (Hostile hostile : hostileValues()) {
				Object value = hostile.value().get();
				Map<String, Object> response = response(value);
				llm.respondWith(response);
				assertThat(llm.chat(request(value))).as(hostile.name()).isSameAs(response);
				SpanData span = onlySpan(context, "chat m", hostile);
				assertWithinTheLimit(span, hostile);
				assertThat(jsonAttribute(span, Ag2Attributes.GEN_AI_INPUT_MESSAGES.getKey()).isArray())
					.as(hostile.name())
					.isTrue();
				assertThat(jsonAttribute(span, Ag2Attributes.GEN_AI_OUTPUT_MESSAGES.getKey()).isArray())
					.as(hostile.name())
					.isTrue();
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)).as(hostile.name())
					.isEqualTo(3L);
			}
		});
	}

	@Test
	void aHumanInputGivenHostilePromptsAndAnswersReturnsTheSameAnswerAndEndsItsSpanWithinTheLimit() {
		this.runner.run((context) -> {
			HostileHuman human = context.getBean(HostileHuman.class);
			List<Hostile> prompts = hostilePrompts();
			List<Hostile> answers = hostileValues();
			for (int i = 0; i < Math.max(prompts.size(), answers.size()); i++) {
				Hostile prompt = prompts.get(i % prompts.size());
				Hostile answer = answers.get(i % answers.size());
				Hostile both = new Hostile(prompt.name() + " / " + answer.name(), answer.value(), answer.structured());
				CharSequence promptValue = (CharSequence) prompt.value().get();
				Object answerValue = answer.value().get();
				assertThat(human.ask(promptValue, answerValue)).as(both.name()).isSameAs(answerValue);
				SpanData span = onlySpan(context, "await_human_input reviewer", both);
				assertWithinTheLimit(span, both);
				assertThat(span.getAttributes().get(Ag2Attributes.AG2_HUMAN_INPUT_PROMPT)).as(both.name()).isNotNull();
				assertThat(span.getAttributes().get(Ag2Attributes.AG2_HUMAN_INPUT_RESPONSE)).as(both.name())
					.isNotNull();
			}
		});
	}

	@Test
	void cyclicAndRecursiveResultsAreReturnedAsTheyAreAndTheSpansEnd() {
		this.runner.run((context) -> {
			List<Object> cyclic = new ArrayList<>();
			cyclic.add(Map.of("back", cyclic));
			Parent entity = new Parent();
			entity.children.add(new Child(entity));
			for (Object result : List.of(cyclic, entity)) {
				Hostile hostile = new Hostile(result.getClass().getSimpleName() + " result", () -> result,
						result == cyclic);
				assertThat(context.getBean(HostileTool.class).echo(result)).isSameAs(result);
				assertWithinTheLimit(onlySpan(context, "execute_tool echo", hostile), hostile);
				assertThat(context.getBean(HostileHuman.class).ask("approve?", result)).isSameAs(result);
				assertWithinTheLimit(onlySpan(context, "await_human_input reviewer", hostile), hostile);
			}
			Map<String, Object> response = new LinkedHashMap<>(response("ok"));
			response.put("self", response);
			HostileLlm llm = context.getBean(HostileLlm.class);
			llm.respondWith(response);
			assertThat(llm.chat(request("hi"))).isSameAs(response);
			Hostile cyclicResponse = new Hostile("cyclic response", () -> response, true);
			assertWithinTheLimit(onlySpan(context, "chat m", cyclicResponse), cyclicResponse);
		});
	}

	@Test
	void containersAreNeverAskedForTheirTextHoweverDeepOrCyclic() {
		this.runner.run((context) -> {
			AtomicInteger asked = new AtomicInteger();
			Object deep = "bottom";
			for (int i = 0; i < 10_000; i++) {
				deep = (i % 2 == 0) ? new TextCountingList(asked, List.of(deep))
						: new TextCountingMap(asked, Map.of("level", deep));
			}
			TextCountingList cyclic = new TextCountingList(asked, List.of("head"));
			cyclic.add(new TextCountingMap(asked, Map.of("back", cyclic)));
			HostileTool tool = context.getBean(HostileTool.class);
			assertThat(tool.echo(deep)).isSameAs(deep);
			assertThat(tool.echo(cyclic)).isSameAs(cyclic);
			assertThat(context.getBean(HostileHuman.class).ask("approve?", cyclic)).isSameAs(cyclic);
			assertThat(TracingContextRunners.awaitSpans(context, 3).spans()).hasSize(3);
			assertThat(asked).hasValue(0);
		});
	}

	@Test
	void aOneShotIterableArgumentIsLeftForTheMethodToIterate() {
		this.runner.run((context) -> {
			OneShot items = new OneShot(List.of("a", "b", "c"));
			assertThat(context.getBean(HostileTool.class).count(items)).isEqualTo(3);
			SpanData span = onlySpan(context, "execute_tool count", new Hostile("one-shot", () -> items, true));
			assertThat(jsonAttribute(span, Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS.getKey()).get("items").asString())
				.isEqualTo("<not read: " + OneShot.class.getName() + ">");
		});
	}

	@Test
	void anInputStreamArgumentIsNeverRead() {
		this.runner.run((context) -> {
			AtomicInteger readsBeforeTheMethod = new AtomicInteger();
			AtomicReference<Boolean> inMethod = new AtomicReference<>(false);
			InputStream input = new ByteArrayInputStream("all of it".getBytes(StandardCharsets.UTF_8)) {

				@Override
				public synchronized int read() {
					countRead();
					return super.read();
				}

				@Override
				public synchronized int read(byte[] b, int off, int len) {
					countRead();
					return super.read(b, off, len);
				}

				@Override
				public byte[] readAllBytes() {
					countRead();
					return super.readAllBytes();
				}

				private void countRead() {
					if (!inMethod.get()) {
						readsBeforeTheMethod.incrementAndGet();
					}
				}

			};
			HostileTool tool = context.getBean(HostileTool.class);
			tool.onEntry(() -> inMethod.set(true));
			assertThat(tool.readAll(input)).isEqualTo("all of it");
			assertThat(readsBeforeTheMethod).hasValue(0);
			SpanData span = onlySpan(context, "execute_tool readAll", new Hostile("input stream", () -> input, true));
			assertThat(jsonAttribute(span, Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS.getKey()).get("input").asString())
				.isEqualTo("<not read: java.io.InputStream>");
		});
	}

	@Test
	void byteArraysAreCapturedAsTheirLength() {
		this.runner.run((context) -> {
			byte[] image = new byte[10_000];
			assertThat(context.getBean(HostileTool.class).echo(image)).isSameAs(image);
			SpanData span = onlySpan(context, "execute_tool echo", new Hostile("bytes", () -> image, false));
			assertThat(span.getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, "{\"value\":\"<byte[10000]>\"}")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, "<byte[10000]>");
		});
	}

	@Test
	void aPromptCutAtTheLimitNeverEndsInHalfASurrogatePair() {
		this.runner.run((context) -> {
			String prompt = "p".repeat(LIMIT - 1) + "😀".repeat(10);
			context.getBean(HostileHuman.class).ask(prompt, "yes");
			SpanData span = onlySpan(context, "await_human_input reviewer", new Hostile("emoji", () -> prompt, false));
			assertThat(span.getAttributes().get(Ag2Attributes.AG2_HUMAN_INPUT_PROMPT))
				.isEqualTo("p".repeat(LIMIT - 1) + MARKER);
		});
	}

	@Test
	void privateRecordsAreCapturedByTheirComponents() {
		this.runner.run((context) -> {
			Secret secret = new Secret("s3", 2);
			context.getBean(HostileTool.class).echo(secret);
			SpanData span = onlySpan(context, "execute_tool echo", new Hostile("record", () -> secret, true));
			assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT))
				.isEqualTo("{\"name\":\"s3\",\"size\":2}");
		});
	}

	private static List<Hostile> hostileValues() {
		List<Hostile> values = new ArrayList<>();
		values.add(new Hostile("cyclic list", () -> {
			List<Object> list = new ArrayList<>();
			Map<String, Object> map = new HashMap<>();
			list.add("head");
			list.add(map);
			map.put("list", list);
			return list;
		}, true));
		values.add(new Hostile("cyclic map", () -> {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("self", map);
			map.put("items", List.of(map, "x"));
			return map;
		}, true));
		values.add(new Hostile("entity whose toString recurses", () -> {
			Parent parent = new Parent();
			parent.children.add(new Child(parent));
			return parent;
		}, false));
		values.add(new Hostile("toString throwing AssertionError",
				() -> new ThrowingToString(new AssertionError("no text")), false));
		values.add(new Hostile("10 000-deep list", () -> {
			Object deep = "bottom";
			for (int i = 0; i < 10_000; i++) {
				deep = List.of(deep);
			}
			return deep;
		}, true));
		values.add(new Hostile("10 000-deep map", () -> {
			Object deep = "bottom";
			for (int i = 0; i < 10_000; i++) {
				deep = Map.of("level", deep);
			}
			return deep;
		}, true));
		values.add(new Hostile("10 000-deep Jackson 3 tree", () -> {
			ArrayNode root = JsonNodeFactory.instance.arrayNode();
			ArrayNode current = root;
			for (int i = 0; i < 10_000; i++) {
				current = current.addObject().putArray("next");
			}
			return root;
		}, true));
		values.add(new Hostile("10 000-deep Jackson 2 tree", () -> {
			com.fasterxml.jackson.databind.node.ArrayNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
				.arrayNode();
			com.fasterxml.jackson.databind.node.ArrayNode current = root;
			for (int i = 0; i < 10_000; i++) {
				current = current.addObject().putArray("next");
			}
			return root;
		}, true));
		values.add(new Hostile("10 MB string", () -> TEN_MEGABYTES, false));
		values.add(new Hostile("10 MB StringBuilder", () -> new StringBuilder(TEN_MEGABYTES), false));
		values.add(new Hostile("lone surrogates", () -> "high \ud800 low \udc00 " + "😀".repeat(200), false));
		values.add(new Hostile("map with a null key", () -> {
			Map<String, Object> map = new HashMap<>();
			map.put(null, "none");
			map.put("k", List.of(1, 2));
			return map;
		}, true));
		values.add(new Hostile("byte[]", () -> new byte[1_000_000], false));
		values.add(new Hostile("input stream", () -> new ByteArrayInputStream(new byte[10]), false));
		values.add(new Hostile("one-shot iterable", () -> new OneShot(List.of("a")), false));
		return values;
	}

	private static List<Hostile> hostilePrompts() {
		return List.of(new Hostile("10 MB prompt", () -> TEN_MEGABYTES, false),
				new Hostile("10 MB StringBuilder prompt", () -> new StringBuilder(TEN_MEGABYTES), false),
				new Hostile("prompt with lone surrogates", () -> "\udc00 lone " + "😀".repeat(300) + "\ud800", false),
				new Hostile("prompt whose toString recurses", RecursiveText::new, false),
				new Hostile("prompt whose toString throws AssertionError", ThrowingText::new, false));
	}

	private static Map<String, Object> request(Object hostile) {
		return Map.of("model", "m", "messages",
				List.of(Map.of("role", "user", "content", "hi"),
						Map.of("role", "assistant", "tool_calls",
								List.of(Map.of("id", "c1", "function", Map.of("name", "lookup", "arguments", hostile)))),
						Map.of("role", "tool", "tool_call_id", "c1", "content", hostile)));
	}

	private static Map<String, Object> response(Object hostile) {
		return Map.of("id", "r1", "model", "m", "choices",
				List.of(Map.of("finish_reason", "tool_calls", "message",
						Map.of("role", "assistant", "tool_calls",
								List.of(Map.of("id", "c2", "function", Map.of("name", "lookup", "arguments", hostile)))))),
				"usage", Map.of("prompt_tokens", 3, "completion_tokens", 1));
	}

	// The one span of the call just made: ended (exported), then cleared for the next call.
	private static SpanData onlySpan(ApplicationContext context, String name, Hostile hostile) {
		List<SpanData> spans = TracingContextRunners.awaitSpans(context, 1).spans();
		assertThat(spans).as(hostile.name()).extracting(SpanData::getName).containsExactly(name);
		context.getBean(InMemorySpanExporter.class).reset();
		return spans.get(0);
	}

	private static void assertWithinTheLimit(SpanData span, Hostile hostile) {
		span.getAttributes().forEach((key, value) -> {
			String description = hostile.name() + ": " + key.getKey();
			if (value instanceof String text) {
				boolean jsonText = JSON_ATTRIBUTES.contains(key.getKey()) || (hostile.structured()
						&& (key.getKey().equals(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT.getKey())
								|| key.getKey().equals(Ag2Attributes.AG2_HUMAN_INPUT_RESPONSE.getKey())));
				if (jsonText) {
					assertThat(text).as(description).hasSizeLessThanOrEqualTo(LIMIT);
					assertThat(hasLoneSurrogate(text)).as(description).isFalse();
					json.readTree(text);
				}
				else {
					assertThat(text).as(description).hasSizeLessThanOrEqualTo(LIMIT + MARKER.length());
				}
			}
			else if (value instanceof List<?> items) {
				assertThat(items).as(description)
					.allSatisfy((item) -> assertThat(String.valueOf(item)).hasSizeLessThanOrEqualTo(LIMIT + MARKER.length()));
			}
		});
	}

	private static JsonNode jsonAttribute(SpanData span, String key) {
		String text = span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(key));
		assertThat(text).as(key).isNotNull();
		return json.readTree(text);
	}

	private static boolean hasLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)
					&& (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
				return true;
			}
			if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
				return true;
			}
		}
		return false;
	}

	/** A hostile value, made fresh for each call; {@code structured} when it is captured as JSON. */
	record Hostile(String name, Supplier<Object> value, boolean structured) {
	}

	private record Secret(String name, int size) {
	}

	static class Parent {

		final List<Child> children = new ArrayList<>();

		@Override
		public String toString() {
			return "Parent" + this.children;
		}

	}

	static class Child {

		final Parent parent;

		Child(Parent parent) {
			this.parent = parent;
		}

		@Override
		public String toString() {
			return "Child of " + this.parent;
		}

	}

	static final class ThrowingToString {

		private final Error error;

		ThrowingToString(Error error) {
			this.error = error;
		}

		@Override
		public String toString() {
			throw this.error;
		}

	}

	static final class RecursiveText implements CharSequence {

		@Override
		public int length() {
			return toString().length();
		}

		@Override
		public char charAt(int index) {
			return toString().charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return toString().subSequence(start, end);
		}

		@Override
		public String toString() {
			return "again " + this;
		}

	}

	static final class ThrowingText implements CharSequence {

		@Override
		public int length() {
			throw new AssertionError("no length");
		}

		@Override
		public char charAt(int index) {
			throw new AssertionError("no char");
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			throw new AssertionError("no text");
		}

		@Override
		public String toString() {
			throw new AssertionError("no text");
		}

	}

	/** An {@code Iterable} that can be iterated once, like a {@code DirectoryStream} or a cursor. */
	static final class OneShot implements Iterable<String> {

		private final List<String> items;

		private boolean iterated;

		OneShot(List<String> items) {
			this.items = items;
		}

		@Override
		public Iterator<String> iterator() {
			if (this.iterated) {
				throw new IllegalStateException("already iterated");
			}
			this.iterated = true;
			return this.items.iterator();
		}

	}

	static final class TextCountingList extends ArrayList<Object> {

		private final transient AtomicInteger asked;

		TextCountingList(AtomicInteger asked, List<?> items) {
			super(items);
			this.asked = asked;
		}

		@Override
		public String toString() {
			this.asked.incrementAndGet();
			return "list";
		}

	}

	static final class TextCountingMap extends HashMap<String, Object> {

		private final transient AtomicInteger asked;

		TextCountingMap(AtomicInteger asked, Map<String, Object> entries) {
			super(entries);
			this.asked = asked;
		}

		@Override
		public String toString() {
			this.asked.incrementAndGet();
			return "map";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HostileConfiguration {

		@Bean
		HostileTool hostileTool() {
			return new HostileTool();
		}

		@Bean
		HostileLlm hostileLlm() {
			return new HostileLlm();
		}

		@Bean
		HostileHuman hostileHuman() {
			return new HostileHuman();
		}

	}

	static class HostileTool {

		private volatile Runnable entered = () -> {
		};

		// through a method, not the field: callers hold the CGLIB proxy, whose fields are its own
		public void onEntry(Runnable entered) {
			this.entered = entered;
		}

		@Tool
		public Object echo(Object value) {
			return value;
		}

		@Tool
		public Object fail(Object value, RuntimeException failure) {
			throw failure;
		}

		@Tool
		public int count(Iterable<String> items) {
			int count = 0;
			for (String item : items) {
				count += (item != null) ? 1 : 0;
			}
			return count;
		}

		@Tool
		public String readAll(InputStream input) throws IOException {
			this.entered.run();
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}

	}

	static class HostileLlm {

		private final AtomicReference<Map<String, Object>> next = new AtomicReference<>();

		public void respondWith(Map<String, Object> response) {
			this.next.set(response);
		}

		@LlmClient(provider = "openai", model = "m")
		public Map<String, Object> chat(Map<String, Object> request) {
			return this.next.get();
		}

	}

	static class HostileHuman {

		@HumanInput(agent = "reviewer")
		public Object ask(CharSequence prompt, Object answer) {
			return answer;
		}

	}

}
