package ai.ag2.tracing.internal.content;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.GenAiMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ContentCapture}: nothing when off, GenAI parts JSON when on, and JSON that stays
 * valid within the maximum length.
 */
class ContentCaptureTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void whenOffEveryValueIsNull() throws Exception {
		ContentCapture off = new ContentCapture(false, 4096);
		assertThat(off.text("secret")).isNull();
		assertThat(off.json(List.of(GenAiMessage.text("user", "secret")))).isNull();
		assertThat(off.arguments(Tools.class.getMethod("lookup", String.class, int.class), new Object[] { "a", 1 }))
			.isNull();
	}

	@Test
	void aDocumentOfExactlyTheMaximumIsWrittenWholeAndOneCharacterLessCutsItsStrings() throws Exception {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("q", "say \"hi\" \u00e9\u00e9 and wait for the answer");
		value.put("n", 3);
		String whole = "{\"q\":\"say \\\"hi\\\" \u00e9\u00e9 and wait for the answer\",\"n\":3}";
		assertThat(new ContentCapture(true, whole.length()).json(value)).isEqualTo(whole);
		String cut = new ContentCapture(true, whole.length() - 1).json(value);
		assertThat(cut).hasSizeLessThanOrEqualTo(whole.length() - 1).contains(Ag2Attributes.TRUNCATION_MARKER);
		assertThat(json.readTree(cut).get("n").asInt()).isEqualTo(3);
		// arguments written as an object without a map: the same text
		assertThat(new ContentCapture(true, whole.length()).jsonObject(new String[] { "q", "n" }, new int[] { 0, 1 },
				new Object[] { value.get("q"), 3 })).isEqualTo(whole);
	}

	@Test
	void flatArgumentsAreWrittenAsTheWalkWritesTheSameEntriesAsAMapAtEveryLimit() {
		String[] names = { "city", "quote\"d", "day", "big", "flag", "none", "short", "byte", "text" };
		Object[] values = { "Paris", "line\nbreak \\ tab\t", 3, Long.MIN_VALUE, true, null, (short) -7, (byte) 1,
				"lone \ud800 surrogate, pair \ud83d\ude00, control \u0001" };
		int[] indexes = new int[names.length];
		Map<String, Object> asMap = new LinkedHashMap<>();
		for (int i = 0; i < names.length; i++) {
			indexes[i] = i;
			asMap.put(names[i], values[i]);
		}
		String whole = new ContentCapture(true, 4096).json(asMap);
		assertThat(json.readTree(whole).get("text").asString()).startsWith("lone ");
		// every limit from too small for anything to more than enough: fitting, cut and past-the-end alike
		for (int limit = 1; limit <= whole.length() + 2; limit++) {
			ContentCapture capture = new ContentCapture(true, limit);
			assertThat(capture.jsonObject(names, indexes, values)).as("limit %d", limit).isEqualTo(capture.json(asMap));
		}
		// a value the straight path does not write (a decimal, a list) leaves it to the walk: the same text
		Object[] mixed = { "Paris", 2.5, List.of("a", "b") };
		Map<String, Object> mixedMap = new LinkedHashMap<>();
		mixedMap.put("city", "Paris");
		mixedMap.put("ratio", 2.5);
		mixedMap.put("tags", List.of("a", "b"));
		ContentCapture capture = new ContentCapture(true, 4096);
		assertThat(capture.jsonObject(new String[] { "city", "ratio", "tags" }, new int[] { 0, 1, 2 }, mixed))
			.isEqualTo(capture.json(mixedMap))
			.isEqualTo("{\"city\":\"Paris\",\"ratio\":2.5,\"tags\":[\"a\",\"b\"]}");
	}

	@Test
	void aTenMegabyteArgumentIsCutWithoutTheStraightPathCopyingIt() {
		String huge = "x".repeat(10 * 1024 * 1024);
		String captured = new ContentCapture(true, 100).jsonObject(new String[] { "query", "day" }, new int[] { 0, 1 },
				new Object[] { huge, 1 });
		assertThat(captured).hasSizeLessThanOrEqualTo(100).contains(Ag2Attributes.TRUNCATION_MARKER).endsWith(",\"day\":1}");
	}

	@Test
	void messagesAreWrittenInTheGenAiPartsSchema() {
		ContentCapture capture = new ContentCapture(true, 4096);
		List<GenAiMessage> messages = List.of(GenAiMessage.text("system", "Be brief."),
				new GenAiMessage("assistant",
						List.of(GenAiMessage.Part.toolCall("call_1", "get_weather", Map.of("city", "Paris"))), null),
				new GenAiMessage("tool", List.of(GenAiMessage.Part.toolCallResponse("call_1", "sunny")), null),
				GenAiMessage.text("assistant", "It is sunny.").withFinishReason("stop"));
		assertThat(capture.json(messages)).isEqualTo("[{\"role\":\"system\",\"parts\":[{\"type\":\"text\","
				+ "\"content\":\"Be brief.\"}]},{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":"
				+ "\"call_1\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}]},{\"role\":\"tool\","
				+ "\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_1\",\"response\":\"sunny\"}]},"
				+ "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"It is sunny.\"}],"
				+ "\"finish_reason\":\"stop\"}]");
	}

	@Test
	void longMessagesAreCutAndStayValidJsonWithinTheMaximum() {
		ContentCapture capture = new ContentCapture(true, 200);
		List<GenAiMessage> messages = List.of(GenAiMessage.text("user", "q".repeat(500) + "\"quoted\"\n"),
				GenAiMessage.text("assistant", "a".repeat(300)));
		String text = capture.json(messages);
		assertThat(text).hasSizeLessThanOrEqualTo(200).contains("...(truncated)");
		JsonNode parsed = json.readTree(text);
		assertThat(parsed.isArray()).isTrue();
		assertThat(parsed.size()).isEqualTo(2);
		assertThat(parsed.get(0).get("parts").get(0).get("content").asString()).startsWith("qqq")
			.endsWith("...(truncated)");
	}

	@Test
	void whenStructureAloneIsTooLongTheNewestMessagesAreKept() {
		ContentCapture capture = new ContentCapture(true, 120);
		List<GenAiMessage> messages = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			messages.add(GenAiMessage.text("user", "message " + i));
		}
		String text = capture.json(messages);
		assertThat(text).hasSizeLessThanOrEqualTo(120);
		JsonNode parsed = json.readTree(text);
		assertThat(parsed.size()).isBetween(1, 19);
		assertThat(parsed.get(parsed.size() - 1).get("parts").get(0).get("content").asString()).isEqualTo("message 19");
	}

	@Test
	void toolArgumentsAreAJsonObjectByParameterNameCutWithinTheMaximum() throws Exception {
		Method lookup = Tools.class.getMethod("lookup", String.class, int.class);
		assertThat(new ContentCapture(true, 4096).arguments(lookup, new Object[] { "weather \"Paris\"", 3 }))
			.isEqualTo("{\"query\":\"weather \\\"Paris\\\"\",\"limit\":3}");
		String cut = new ContentCapture(true, 50).arguments(lookup, new Object[] { "x".repeat(1000), 3 });
		assertThat(cut).hasSizeLessThanOrEqualTo(50).contains("...(truncated)");
		assertThat(json.readTree(cut).get("limit").asInt()).isEqualTo(3);
	}

	@Test
	void recordsMapsAndArraysBecomeJsonAndOtherObjectsTheirText() {
		ContentCapture capture = new ContentCapture(true, 4096);
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("point", new Point(1, 2));
		map.put("tags", new String[] { "a", "b" });
		map.put("nan", Double.NaN);
		map.put("other", new Object() {
			@Override
			public String toString() {
				return "custom";
			}
		});
		map.put("none", null);
		assertThat(capture.json(map))
			.isEqualTo("{\"point\":{\"x\":1,\"y\":2},\"tags\":[\"a\",\"b\"],\"nan\":\"NaN\",\"other\":\"custom\","
					+ "\"none\":null}");
	}

	@Test
	void aCutThroughASurrogatePairStillGivesWellFormedJson() {
		ContentCapture capture = new ContentCapture(true, 40);
		String text = capture.json(List.of("😀".repeat(30)));
		assertThat(text).hasSizeLessThanOrEqualTo(40);
		assertThat(json.readTree(text).get(0).asString()).endsWith("...(truncated)");
	}

	@Test
	void anArgumentWhoseToStringThrowsBecomesAPlaceholder() throws Exception {
		Method lookup = Tools.class.getMethod("lookup", String.class, int.class);
		Object hostile = new Object() {
			@Override
			public String toString() {
				throw new IllegalStateException("no text for you");
			}
		};
		String arguments = new ContentCapture(true, 4096).arguments(lookup, new Object[] { hostile, 3 });
		assertThat(json.readTree(arguments).get("query").asString()).startsWith("<unserialisable ");
		assertThat(new ContentCapture(true, 4096).text(hostile)).startsWith("<unserialisable ");
	}

	@Test
	void objectsThatAreNotStructuredAreCapturedAsTheirPlainText() {
		Object weather = new Object() {
			@Override
			public String toString() {
				return "sunny";
			}
		};
		assertThat(new ContentCapture(true, 4096).text(weather)).isEqualTo("sunny");
		assertThat(new ContentCapture(true, 4096).text(new Point(1, 2))).isEqualTo("{\"x\":1,\"y\":2}");
		assertThat(new ContentCapture(true, 4096).text(42)).isEqualTo("42");
		String cutRecord = new ContentCapture(true, 40).text(List.of(new Point(1, 2), "z".repeat(100)));
		assertThat(cutRecord).hasSizeLessThanOrEqualTo(40).contains("...(truncated)");
		assertThat(json.readTree(cutRecord).get(0).get("x").asInt()).isEqualTo(1);
	}

	@Test
	void stringsInsideJacksonTreesAreCutLikeAnyOtherContent() {
		JsonNode tree = json.readTree("{\"tool\":\"search\",\"input\":{\"query\":\"" + "q".repeat(5000) + "\"},\"n\":[1,2]}");
		String text = new ContentCapture(true, 200).json(List.of(tree));
		assertThat(text).hasSizeLessThanOrEqualTo(200);
		JsonNode parsed = json.readTree(text).get(0);
		assertThat(parsed.get("tool").asString()).isEqualTo("search");
		assertThat(parsed.get("input").get("query").asString()).endsWith("...(truncated)");
		assertThat(parsed.get("n").get(1).asInt()).isEqualTo(2);
	}

	@Test
	void aHugeStructuredValueIsCutToTheMaximumAndStaysValidJson() {
		int[] image = new int[1_000_000];
		String text = new ContentCapture(true, 300).json(Map.of("image", image));
		assertThat(text).hasSizeLessThanOrEqualTo(300);
		assertThat(json.readTree(text).isString()).isTrue();
		List<String> history = new ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			history.add("message " + i);
		}
		String newest = new ContentCapture(true, 300).json(history);
		assertThat(newest).hasSizeLessThanOrEqualTo(300);
		JsonNode parsed = json.readTree(newest);
		assertThat(parsed.get(parsed.size() - 1).asString()).isEqualTo("message 49999");
	}

	@Test
	void plainTextIsCutWithTheMarker() {
		assertThat(new ContentCapture(true, 5).text("abcdefgh")).isEqualTo("abcde...(truncated)");
		assertThat(new ContentCapture(true, 5).text("abc")).isEqualTo("abc");
	}

	@Test
	void nonPositiveMaximumIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ContentCapture(true, 0))
			.withMessageContaining("must be positive");
	}

	record Point(int x, int y) {
	}

	static class Tools {

		public String lookup(String query, int limit) {
			return query + limit;
		}

	}

}
