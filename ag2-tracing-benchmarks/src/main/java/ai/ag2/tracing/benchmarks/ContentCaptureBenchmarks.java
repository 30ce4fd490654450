package ai.ag2.tracing.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.internal.content.ContentCapture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What capturing one value costs at the default {@code max-content-length} (4096): a flat value of
 * about 4 KB that fits, next to values whose size or depth has no bound (10 000-deep lists, maps
 * and Jackson trees, a 10 MB string, a million-item history). {@link ContentCapture} is called
 * directly, as the recorders call it, so that the figures are the capture alone: a traced call
 * around it would add the same span cost to every case and hide the ratio. How to run them:
 * {@code docs/performance.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ContentCaptureBenchmarks {

	/** The value captured; {@code flatMap4k} is the reference the others are compared with. */
	@Param({ "flatMap4k", "flatList8k", "deepList10k", "deepMap10k", "deepJackson3Tree10k", "deepJackson2Tree10k",
			"string10MbInJson", "string10MbAsText", "history1M" })
	public String value;

	private final ContentCapture capture = new ContentCapture(true, 4096);

	private Object captured;

	private boolean asText;

	@Setup(Level.Trial)
	public void build() {
		this.asText = this.value.equals("string10MbAsText");
		this.captured = switch (this.value) {
			case "flatMap4k" -> flatMap(32, 110);
			case "flatList8k" -> flatList(64, 120);
			case "deepList10k" -> deepList(10_000);
			case "deepMap10k" -> deepMap(10_000);
			case "deepJackson3Tree10k" -> deepJackson3Tree(10_000);
			case "deepJackson2Tree10k" -> deepJackson2Tree(10_000);
			case "string10MbInJson" -> Map.of("query", "q".repeat(10 * 1024 * 1024));
			case "string10MbAsText" -> "q".repeat(10 * 1024 * 1024);
			case "history1M" -> flatList(1_000_000, 20);
			default -> throw new IllegalArgumentException(this.value);
		};
		String text = capture();
		if (text == null || text.length() > 4096 + 14) {
			throw new IllegalStateException(this.value + " captured as " + text);
		}
	}

	@Benchmark
	public String capture() {
		return this.asText ? this.capture.text(this.captured) : this.capture.json(this.captured);
	}

	// {"field00":"aaa…",…}: 32 × 110 characters is about 4 KB of JSON, within the maximum uncut
	private static Map<String, String> flatMap(int fields, int length) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < fields; i++) {
			map.put("field%02d".formatted(i), Character.toString('a' + i % 26).repeat(length));
		}
		return map;
	}

	private static List<String> flatList(int items, int length) {
		List<String> list = new ArrayList<>(items);
		for (int i = 0; i < items; i++) {
			list.add(Character.toString('a' + i % 26).repeat(length));
		}
		return list;
	}

	private static Object deepList(int depth) {
		Object value = "bottom";
		for (int i = 0; i < depth; i++) {
			value = List.of(value);
		}
		return value;
	}

	private static Object deepMap(int depth) {
		Object value = "bottom";
		for (int i = 0; i < depth; i++) {
			value = Map.of("level", value);
		}
		return value;
	}

	private static Object deepJackson3Tree(int depth) {
		tools.jackson.databind.node.ArrayNode root = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
		tools.jackson.databind.node.ArrayNode current = root;
		for (int i = 0; i < depth; i++) {
			current = current.addObject().putArray("next");
		}
		return root;
	}

	private static Object deepJackson2Tree(int depth) {
		com.fasterxml.jackson.databind.node.ArrayNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
			.arrayNode();
		com.fasterxml.jackson.databind.node.ArrayNode current = root;
		for (int i = 0; i < depth; i++) {
			current = current.addObject().putArray("next");
		}
		return root;
	}

}
