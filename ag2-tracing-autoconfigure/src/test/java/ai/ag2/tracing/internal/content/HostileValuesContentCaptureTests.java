package ai.ag2.tracing.internal.content;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import ai.ag2.tracing.GenAiMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ContentCapture} does with values that would break a naive writer: cycles, deep and
 * huge values, {@code toString()}s and accessors that fail, values that reading would consume.
 * Capture never throws, never changes the value, stays within the maximum length, and reads only
 * as much of a value as the maximum allows.
 */
class HostileValuesContentCaptureTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	// JsonText.MAX_DEPTH: containers nested deeper are written as a placeholder
	private static final int DEPTH_LIMIT = 10;

	private final ContentCapture capture = new ContentCapture(true, 4096);

	@Test
	void cyclicListsAndMapsAreWrittenWithACyclePlaceholder() {
		List<Object> list = new ArrayList<>();
		list.add("head");
		list.add(list);
		Map<String, Object> map = new HashMap<>();
		map.put("self", map);
		List<Object> a = new ArrayList<>();
		List<Object> b = new ArrayList<>(List.of(a));
		a.add(b);
		assertThat(parse(this.capture.json(list)).get(1).asString()).isEqualTo("<cycle: java.util.ArrayList>");
		assertThat(parse(this.capture.text(map)).get("self").asString()).isEqualTo("<cycle: java.util.HashMap>");
		assertThat(parse(this.capture.json(a)).get(0).get(0).asString()).isEqualTo("<cycle: java.util.ArrayList>");
	}

	@Test
	void aValueSharedTwiceWithoutACycleIsWrittenTwice() {
		List<String> shared = List.of("x");
		assertThat(this.capture.json(List.of(shared, shared))).isEqualTo("[[\"x\"],[\"x\"]]");
	}

	@Test
	void anEntityWhoseToStringRecursesBecomesAPlaceholder() {
		Parent parent = new Parent();
		parent.children.add(new Child(parent));
		assertThat(this.capture.text(parent)).isEqualTo("<unserialisable " + Parent.class.getName() + ">");
		assertThat(parse(this.capture.json(List.of(parent, "after"))).get(1).asString()).isEqualTo("after");
	}

	@Test
	void aToStringThatThrowsAnErrorBecomesAPlaceholder() throws Exception {
		Object hostile = new ThrowingToString(new AssertionError("not for you"));
		Method lookup = Tools.class.getMethod("lookup", Object.class, int.class);
		assertThat(this.capture.text(hostile)).startsWith("<unserialisable ");
		assertThat(parse(this.capture.json(Map.of("value", hostile))).get("value").asString())
			.startsWith("<unserialisable ");
		JsonNode arguments = parse(this.capture.arguments(lookup, new Object[] { hostile, 3 }));
		assertThat(arguments.get("query").asString()).startsWith("<unserialisable ");
		assertThat(arguments.get("limit").asInt()).isEqualTo(3);
	}

	@Test
	void containersAreNeverAskedForTheirText() {
		AtomicInteger asked = new AtomicInteger();
		List<Object> deepest = new TextCountingList(asked, List.of("leaf"));
		Object value = deepest;
		for (int i = 0; i < 30; i++) {
			value = new TextCountingList(asked, List.of(value));
		}
		String text = this.capture.json(Map.of(new TextCountingList(asked, List.of("key")), value));
		assertThat(text).contains("<too deep: ");
		assertThat(parse(text).isObject()).isTrue();
		assertThat(asked).hasValue(0);
	}

	@Test
	void theTextOfAnObjectIsAskedForAtMostOncePerCapture() {
		AtomicInteger asked = new AtomicInteger();
		Object counted = new Object() {
			@Override
			public String toString() {
				asked.incrementAndGet();
				return "counted";
			}
		};
		// too long even with every string cut: walked once whole, then again from the newest item
		List<Object> history = new ArrayList<>(Collections.nCopies(1000, counted));
		String text = new ContentCapture(true, 100).json(history);
		assertThat(text).hasSizeLessThanOrEqualTo(100);
		assertThat(parse(text).get(0).asString()).isEqualTo("counted");
		assertThat(asked).hasValue(1);
	}

	@Test
	void tenThousandDeepListsAndMapsAreReadOnlyToTheDepthLimit() {
		AtomicInteger iterated = new AtomicInteger();
		Object list = "bottom";
		Map<String, Object> map = Map.of("bottom", true);
		for (int i = 0; i < 10_000; i++) {
			list = new IterationCountingList(iterated, List.of(list));
			map = Map.of("level", map);
		}
		String listText = this.capture.json(list);
		assertThat(listText).hasSizeLessThanOrEqualTo(4096).contains("<too deep: ");
		assertThat(depth(parse(listText))).isEqualTo(DEPTH_LIMIT);
		assertThat(iterated).hasValue(DEPTH_LIMIT);
		String mapText = this.capture.text(map);
		assertThat(mapText).hasSizeLessThanOrEqualTo(4096).contains("<too deep: ");
		assertThat(depth(parse(mapText))).isEqualTo(DEPTH_LIMIT);
	}

	@Test
	void aHugeListIsReadOnlyAsFarAsTheMaximumAllows() {
		AtomicInteger read = new AtomicInteger();
		List<Object> huge = new AbstractList<>() {

			@Override
			public Object get(int index) {
				read.incrementAndGet();
				return "item " + index;
			}

			@Override
			public int size() {
				return 10_000_000;
			}

		};
		String text = new ContentCapture(true, 200).json(Map.of("history", huge));
		assertThat(text).hasSizeLessThanOrEqualTo(200);
		assertThat(parse(text).isString()).isTrue();
		assertThat(read.get()).isLessThan(200);
		read.set(0);
		String newest = new ContentCapture(true, 200).json(huge);
		assertThat(parse(newest).get(parse(newest).size() - 1).asString()).isEqualTo("item 9999999");
		assertThat(read.get()).isLessThan(400);
	}

	@Test
	void deepAndHugeJacksonTreesAreReadOnlyAsFarAsNeeded() throws Exception {
		ArrayNode deep3 = JsonNodeFactory.instance.arrayNode();
		ArrayNode current3 = deep3;
		com.fasterxml.jackson.databind.node.ArrayNode deep2 = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
			.arrayNode();
		com.fasterxml.jackson.databind.node.ArrayNode current2 = deep2;
		for (int i = 0; i < 10_000; i++) {
			current3 = current3.addArray();
			current2 = current2.addArray();
		}
		ObjectNode wide = JsonNodeFactory.instance.objectNode();
		ArrayNode items = wide.putArray("items");
		for (int i = 0; i < 100_000; i++) {
			items.add("item " + i);
		}
		for (Object tree : List.of(deep3, deep2)) {
			String text = this.capture.json(Map.of("tree", tree));
			assertThat(text).hasSizeLessThanOrEqualTo(4096).contains("<too deep: ");
			assertThat(depth(parse(text).get("tree"))).isEqualTo(DEPTH_LIMIT - 1);
		}
		String wideText = new ContentCapture(true, 300).json(wide);
		assertThat(wideText).hasSizeLessThanOrEqualTo(300);
		assertThat(parse(wideText).asString()).startsWith("{\"items\":[\"item 0\",").endsWith("...(truncated)");
	}

	@Test
	void aTenMegabyteStringIsCutAndALongCharSequenceIsNotCopiedWhole() {
		String huge = "x".repeat(10_000_000);
		String arguments = this.capture.json(Map.of("query", huge, "limit", 3));
		assertThat(arguments).hasSizeLessThanOrEqualTo(4096);
		assertThat(parse(arguments).get("query").asString()).endsWith("...(truncated)");
		assertThat(this.capture.text(huge)).hasSize(4096 + "...(truncated)".length());
		AtomicInteger copied = new AtomicInteger();
		CharSequence chars = new CharSequence() {

			@Override
			public int length() {
				return huge.length();
			}

			@Override
			public char charAt(int index) {
				return huge.charAt(index);
			}

			@Override
			public CharSequence subSequence(int start, int end) {
				copied.addAndGet(end - start);
				return huge.subSequence(start, end);
			}

			@Override
			public String toString() {
				copied.addAndGet(huge.length());
				return huge;
			}

		};
		assertThat(this.capture.text(chars)).hasSize(4096 + "...(truncated)".length());
		assertThat(parse(this.capture.json(List.of(chars))).get(0).asString()).endsWith("...(truncated)");
		assertThat(copied.get()).isLessThan(3 * 4096 + 100);
	}

	@Test
	void valuesThatReadingWouldConsumeAreNamedAndNeverRead() throws Exception {
		AtomicBoolean streamRead = new AtomicBoolean();
		InputStream input = new ByteArrayInputStream(new byte[] { 1, 2, 3 }) {
			@Override
			public synchronized int read() {
				streamRead.set(true);
				return super.read();
			}

			@Override
			public synchronized int read(byte[] b, int off, int len) {
				streamRead.set(true);
				return super.read(b, off, len);
			}
		};
		AtomicInteger iterators = new AtomicInteger();
		Iterable<String> oneShot = () -> {
			if (iterators.incrementAndGet() > 1) {
				throw new IllegalStateException("already iterated");
			}
			return List.of("a").iterator();
		};
		Iterator<String> iterator = List.of("a", "b").iterator();
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 1, 2 });
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("input", input);
		values.put("oneShot", oneShot);
		values.put("iterator", iterator);
		values.put("stream", Stream.of("a"));
		values.put("spliterator", List.of("a").spliterator());
		values.put("reader", new StringReader("abc"));
		values.put("channel", Channels.newChannel(input));
		values.put("buffer", buffer);
		values.put("enumeration", Collections.enumeration(List.of("a")));
		JsonNode written = parse(this.capture.json(values));
		assertThat(written.get("input").asString()).startsWith("<not read: ").contains("InputStream");
		assertThat(written.get("oneShot").asString()).startsWith("<not read: ");
		assertThat(written.get("iterator").asString()).startsWith("<not read: ");
		assertThat(written.get("stream").asString()).startsWith("<not read: ");
		assertThat(written.get("spliterator").asString()).startsWith("<not read: ");
		assertThat(written.get("reader").asString()).isEqualTo("<not read: java.io.StringReader>");
		assertThat(written.get("channel").asString()).startsWith("<not read: ");
		assertThat(written.get("buffer").asString()).startsWith("<not read: java.nio.");
		assertThat(written.get("enumeration").asString()).startsWith("<not read: ");
		assertThat(this.capture.text(input)).startsWith("<not read: ");
		assertThat(this.capture.text(oneShot)).startsWith("<not read: ");
		assertThat(streamRead).isFalse();
		assertThat(input.available()).isEqualTo(3);
		assertThat(iterators).hasValue(0);
		assertThat(iterator.next()).isEqualTo("a");
		assertThat(buffer.position()).isZero();
		assertThat(oneShot.iterator().next()).isEqualTo("a");
	}

	@Test
	void byteArraysAreWrittenAsTheirLength() {
		assertThat(this.capture.text(new byte[1024])).isEqualTo("<byte[1024]>");
		assertThat(this.capture.json(Map.of("image", new byte[10_000_000]))).isEqualTo("{\"image\":\"<byte[10000000]>\"}");
	}

	@Test
	void privateRecordsAreReadThroughTheirAccessors() {
		assertThat(this.capture.json(new Secret("s3", 2))).isEqualTo("{\"name\":\"s3\",\"size\":2}");
	}

	@Test
	void aRecordAccessorThatThrowsGivesAPlaceholderForThatComponentOnly() {
		JsonNode written = parse(this.capture.json(new Grumpy("kept")));
		assertThat(written.get("name").asString()).isEqualTo("kept");
		assertThat(written.get("mood").asString()).startsWith("<unserialisable ");
	}

	@Test
	void plainTextIsNeverCutInsideASurrogatePair() {
		ContentCapture small = new ContentCapture(true, 5);
		String cut = small.text("abcd😀😀");
		assertThat(cut).isEqualTo("abcd...(truncated)");
		assertThat(small.text("abc😀😀")).isEqualTo("abc😀...(truncated)");
		for (int max = 1; max < 12; max++) {
			String text = new ContentCapture(true, max).text("😀".repeat(10));
			assertThat(hasLoneSurrogate(text)).as("cut at %d", max).isFalse();
		}
	}

	@Test
	void loneSurrogatesInTheValueAreEscapedInJson() {
		String text = this.capture.json(List.of("lone \ud800 high", "lone \udc00 low", "pair 😀"));
		assertThat(text).isEqualTo("[\"lone \\ud800 high\",\"lone \\udc00 low\",\"pair 😀\"]");
		assertThat(hasLoneSurrogate(text)).isFalse();
		assertThat(parse(text).get(0).asString()).isEqualTo("lone \ud800 high");
	}

	@Test
	void mapsWithNullKeysStructuredKeysOrFailingEntriesAreSafe() {
		Map<Object, Object> nullKey = new HashMap<>();
		nullKey.put(null, "none");
		assertThat(this.capture.json(nullKey)).isEqualTo("{\"null\":\"none\"}");
		AtomicInteger asked = new AtomicInteger();
		assertThat(this.capture.json(Map.of(new TextCountingList(asked, List.of("a")), 1)))
			.isEqualTo("{\"<" + TextCountingList.class.getName() + ">\":1}");
		assertThat(asked).hasValue(0);
		Map<String, Object> failing = new AbstractMap<>() {
			@Override
			public Set<Entry<String, Object>> entrySet() {
				throw new AssertionError("no entries");
			}
		};
		assertThat(parse(this.capture.json(Map.of("a", 1, "b", failing))).get("b").asString())
			.startsWith("<unserialisable ");
		AtomicBoolean hostile = new AtomicBoolean();
		TreeMap<String, String> sorted = new TreeMap<>((x, y) -> {
			if (hostile.get()) {
				throw new StackOverflowError("comparator");
			}
			return x.compareTo(y);
		});
		sorted.put("b", "2");
		sorted.put("a", "1");
		hostile.set(true);
		assertThat(this.capture.json(sorted)).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
	}

	@Test
	void aListWhoseIterationFailsHalfWayIsReplacedWhole() {
		List<Object> failing = new AbstractList<>() {

			@Override
			public Object get(int index) {
				if (index == 2) {
					throw new IllegalStateException("lazy load failed");
				}
				return "item " + index;
			}

			@Override
			public int size() {
				return 5;
			}

		};
		JsonNode written = parse(this.capture.json(List.of("before", failing, "after")));
		assertThat(written.get(1).asString()).startsWith("<unserialisable ");
		assertThat(written.get(2).asString()).isEqualTo("after");
	}

	@Test
	void stringsFullOfEscapesStillFillTheMaximum() {
		String quoted = "\"\n\\".repeat(2000);
		String text = new ContentCapture(true, 300).json(List.of(quoted, quoted, "short"));
		assertThat(text).hasSizeLessThanOrEqualTo(300).hasSizeGreaterThan(280);
		JsonNode written = parse(text);
		assertThat(written.get(0).asString()).endsWith("...(truncated)");
		assertThat(written.get(2).asString()).isEqualTo("short");
	}

	@Test
	void aLongHistoryKeepsItsNewestItemsWholeRatherThanEveryItemCutToNothing() {
		List<String> history = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			history.add("message %06d of a long conversation".formatted(i));
		}
		// 39 characters each with its quotes, 40 with a comma: four fit in 200 with the brackets
		JsonNode written = parse(new ContentCapture(true, 200).json(history));
		assertThat(written.size()).isEqualTo(4);
		assertThat(written.get(3).asString()).isEqualTo("message 099999 of a long conversation");
		assertThat(written.get(0).asString()).isEqualTo("message 099996 of a long conversation");
		List<String> longNewest = new ArrayList<>(Collections.nCopies(200, "old"));
		longNewest.add("n".repeat(1000));
		JsonNode newestOnly = parse(new ContentCapture(true, 100).json(longNewest));
		assertThat(newestOnly.size()).isEqualTo(1);
		assertThat(newestOnly.get(0).asString()).startsWith("nnn").endsWith("...(truncated)");
	}

	@Test
	void whenNotEvenTheNewestItemFitsItsStartIsKeptAsOneString() {
		List<Map<String, String>> history = List.of(Map.of("old", "x"), Map.of("k".repeat(500), "v"));
		String text = new ContentCapture(true, 100).json(history);
		assertThat(text).hasSizeLessThanOrEqualTo(100);
		JsonNode written = parse(text);
		assertThat(written.size()).isEqualTo(1);
		assertThat(written.get(0).asString()).startsWith("{\"kkk").endsWith("...(truncated)");
	}

	@Test
	void everyHostileValueStaysWithinEveryMaximumAndGivesValidJson() {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		cyclic.add("😀".repeat(50));
		Parent parent = new Parent();
		parent.children.add(new Child(parent));
		Object deep = "x";
		for (int i = 0; i < 10_000; i++) {
			deep = List.of(deep);
		}
		Map<Object, Object> mixed = new HashMap<>();
		mixed.put(null, "\ud800\"\n".repeat(40));
		mixed.put("bytes", new byte[7]);
		mixed.put("thrower", new ThrowingToString(new AssertionError()));
		mixed.put("messages", List.of(GenAiMessage.text("user", "q".repeat(300)),
				new GenAiMessage("assistant", List.of(GenAiMessage.Part.toolCall("id", "tool", cyclic)), "stop")));
		List<Object> values = List.of(cyclic, parent, deep, mixed, "y".repeat(1000), new Secret("z".repeat(99), 1),
				Arrays.asList(1, null, 2.5, Double.NaN), new Object[] { "a", new int[] { 1, 2 } });
		for (int max = 1; max <= 80; max++) {
			ContentCapture small = new ContentCapture(true, max);
			for (Object value : values) {
				String text = small.text(value);
				if (max >= 2 || text != null) {
					assertThat(text).as("text at %d of %s", max, value.getClass())
						.hasSizeLessThanOrEqualTo(max + "...(truncated)".length());
				}
				String written = small.json(value);
				if (max >= 2) {
					assertThat(written).as("json at %d of %s", max, value.getClass()).isNotNull();
				}
				if (written != null) {
					assertThat(written).as("json at %d of %s", max, value.getClass()).hasSizeLessThanOrEqualTo(max);
					assertThat(hasLoneSurrogate(written)).isFalse();
					parse(written);
				}
			}
		}
	}

	private static JsonNode parse(String text) {
		assertThat(text).isNotNull();
		return json.readTree(text);
	}

	private static int depth(JsonNode node) {
		int depth = 0;
		JsonNode current = node;
		while (current.isContainer()) {
			depth++;
			current = current.iterator().next();
		}
		return depth;
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

	private record Secret(String name, int size) {
	}

	record Grumpy(String name, String mood) {

		Grumpy(String name) {
			this(name, "unused");
		}

		@Override
		public String mood() {
			throw new IllegalStateException("no");
		}

	}

	static class Parent {

		final List<Child> children = new ArrayList<>();

		@Override
		public String toString() {
			return "Parent" + this.children;
		}

	}

	record Child(Parent parent) {

		@Override
		public String toString() {
			return "Child(" + this.parent + ")";
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

	static final class TextCountingList extends ArrayList<Object> {

		private final AtomicInteger asked;

		TextCountingList(AtomicInteger asked, List<?> items) {
			super(items);
			this.asked = asked;
		}

		@Override
		public String toString() {
			this.asked.incrementAndGet();
			return super.toString();
		}

	}

	static final class IterationCountingList extends AbstractList<Object> {

		private final AtomicInteger iterated;

		private final List<?> items;

		IterationCountingList(AtomicInteger iterated, List<?> items) {
			this.iterated = iterated;
			this.items = items;
		}

		@Override
		public Iterator<Object> iterator() {
			this.iterated.incrementAndGet();
			return super.iterator();
		}

		@Override
		public Object get(int index) {
			return this.items.get(index);
		}

		@Override
		public int size() {
			return this.items.size();
		}

	}

	static class Tools {

		public String lookup(Object query, int limit) {
			return query + " " + limit;
		}

	}

}
