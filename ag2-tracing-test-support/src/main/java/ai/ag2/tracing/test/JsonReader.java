package ai.ag2.tracing.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads JSON text into maps, lists, strings, numbers ({@link BigDecimal}), booleans and
 * {@code null}: enough for the fake endpoint to read a request without a JSON library, which
 * would change the class path of the module under test.
 */
final class JsonReader {

	private final String text;

	private int at;

	private JsonReader(String text) {
		this.text = text;
	}

	/** The value {@code text} holds; {@link IllegalArgumentException} when it is not JSON. */
	static @Nullable Object read(String text) {
		JsonReader reader = new JsonReader(text);
		Object value = reader.value();
		reader.skipSpace();
		if (reader.at != text.length()) {
			throw reader.error("end of input");
		}
		return value;
	}

	/** The member at {@code path} of nested objects, or {@code null} where one is missing. */
	static @Nullable Object path(@Nullable Object value, String... path) {
		Object current = value;
		for (String name : path) {
			if (!(current instanceof Map<?, ?> object)) {
				return null;
			}
			current = object.get(name);
		}
		return current;
	}

	private @Nullable Object value() {
		skipSpace();
		if (this.at >= this.text.length()) {
			throw error("a value");
		}
		char c = this.text.charAt(this.at);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, @Nullable Object> object() {
		Map<String, @Nullable Object> members = new LinkedHashMap<>();
		this.at++;
		skipSpace();
		if (consume('}')) {
			return members;
		}
		do {
			skipSpace();
			String name = string();
			skipSpace();
			expect(':');
			members.put(name, value());
			skipSpace();
		}
		while (take(','));
		expect('}');
		return members;
	}

	private List<@Nullable Object> array() {
		List<@Nullable Object> items = new ArrayList<>();
		this.at++;
		skipSpace();
		if (consume(']')) {
			return items;
		}
		do {
			items.add(value());
			skipSpace();
		}
		while (take(','));
		expect(']');
		return items;
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (this.at < this.text.length()) {
			char c = this.text.charAt(this.at++);
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (this.at >= this.text.length()) {
				break;
			}
			char escaped = this.text.charAt(this.at++);
			switch (escaped) {
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					if (this.at + 4 > this.text.length()) {
						throw error("four hex digits");
					}
					out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
					this.at += 4;
				}
				default -> out.append(escaped);
			}
		}
		throw error("the end of a string");
	}

	private BigDecimal number() {
		int start = this.at;
		while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
			this.at++;
		}
		try {
			return new BigDecimal(this.text.substring(start, this.at));
		}
		catch (NumberFormatException ex) {
			this.at = start;
			throw error("a value");
		}
	}

	private @Nullable Object literal(String word, @Nullable Object value) {
		if (!this.text.startsWith(word, this.at)) {
			throw error(word);
		}
		this.at += word.length();
		return value;
	}

	private void skipSpace() {
		while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
			this.at++;
		}
	}

	private boolean consume(char c) {
		if (this.at < this.text.length() && this.text.charAt(this.at) == c) {
			this.at++;
			return true;
		}
		return false;
	}

	private boolean take(char c) {
		skipSpace();
		return consume(c);
	}

	private void expect(char c) {
		skipSpace();
		if (!consume(c)) {
			throw error("'" + c + "'");
		}
	}

	private IllegalArgumentException error(String expected) {
		return new IllegalArgumentException("Expected " + expected + " at offset " + this.at + " of " + this.text);
	}

}
