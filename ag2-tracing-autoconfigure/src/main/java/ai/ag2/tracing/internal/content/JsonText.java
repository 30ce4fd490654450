package ai.ag2.tracing.internal.content;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.reflect.JsonTrees;
import org.jspecify.annotations.Nullable;

/**
 * Writes values as JSON text, cutting every string value to a character cap, so that content
 * capture needs no JSON library on the application's classpath. Records, maps, collections, arrays
 * and scalars become JSON structures; Jackson trees keep their own text; any other object is written
 * as the string of its {@code toString()}.
 */
final class JsonText {

	private static final int MAX_DEPTH = 8;

	// Thrown to stop writing once the text is past its limit; no stack trace, it is control flow.
	private static final RuntimeException PAST_LIMIT = new RuntimeException("past limit", null, false, false) {
	};

	private final int stringCap;

	private final int limit;

	private final StringBuilder out = new StringBuilder();

	private JsonText(int stringCap, int limit) {
		this.stringCap = stringCap;
		this.limit = limit;
	}

	/** JSON text of {@code value}, with each string longer than {@code stringCap} cut and marked. */
	static String write(@Nullable Object value, int stringCap) {
		JsonText json = new JsonText(stringCap, Integer.MAX_VALUE);
		json.value(value, 0);
		return json.out.toString();
	}

	/**
	 * Like {@link #write}, but gives up as soon as the text passes {@code limit} characters, so
	 * a huge value costs no more than the limit: {@code null} when it does not fit.
	 */
	static @Nullable String writeWithin(@Nullable Object value, int stringCap, int limit) {
		JsonText json = new JsonText(stringCap, limit);
		try {
			json.value(value, 0);
		}
		catch (RuntimeException ex) {
			if (ex != PAST_LIMIT) {
				throw ex;
			}
			return null;
		}
		// the checks while writing are periodic; this one is exact
		return (json.out.length() <= limit) ? json.out.toString() : null;
	}

	/** The first {@code limit} characters (or a few more) of the uncut JSON text of {@code value}. */
	static String writePrefix(@Nullable Object value, int limit) {
		JsonText json = new JsonText(Integer.MAX_VALUE, limit);
		try {
			json.value(value, 0);
		}
		catch (RuntimeException ex) {
			if (ex != PAST_LIMIT) {
				throw ex;
			}
		}
		return json.out.toString();
	}

	/** JSON string literal of {@code text}, uncut. */
	static String quote(String text) {
		JsonText json = new JsonText(Integer.MAX_VALUE, Integer.MAX_VALUE);
		json.string(text);
		return json.out.toString();
	}

	private void value(@Nullable Object value, int depth) {
		checkLimit();
		if (value == null) {
			this.out.append("null");
		}
		else if (value instanceof Boolean) {
			this.out.append(value);
		}
		else if (value instanceof Number number) {
			number(number);
		}
		else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
			string(text(value));
		}
		else if (depth >= MAX_DEPTH) {
			string(text(value));
		}
		else if (value instanceof GenAiMessage message) {
			message(message, depth);
		}
		else if (value instanceof GenAiMessage.Part part) {
			part(part, depth);
		}
		else if (value instanceof Optional<?> optional) {
			value(optional.orElse(null), depth);
		}
		else if (JsonTrees.isTree(value)) {
			// before Iterable: a tree is iterable over its values, which would drop object keys.
			// Walked like maps and lists so that its strings are cut like any other content.
			tree(value, depth);
		}
		else if (value instanceof Map<?, ?> map) {
			map(map, depth);
		}
		else if (value instanceof Iterable<?> iterable) {
			array(iterable.iterator(), depth);
		}
		else if (value.getClass().isArray()) {
			array(value, depth);
		}
		else if (value instanceof Record rec) {
			record(rec, depth);
		}
		else {
			string(text(value));
		}
	}

	// A toString() that throws must not cost the span: write a placeholder and report it once.
	static String text(Object value) {
		try {
			return String.valueOf(value);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("writing a " + value.getClass().getName() + " as content", ex);
			return "<unserialisable " + value.getClass().getName() + ">";
		}
	}

	private void number(Number number) {
		boolean finite = !(number instanceof Double d && (d.isNaN() || d.isInfinite()))
				&& !(number instanceof Float f && (f.isNaN() || f.isInfinite()));
		if (finite) {
			this.out.append(number);
		}
		else {
			string(number.toString());
		}
	}

	private void tree(Object tree, int depth) {
		Map<String, @Nullable Object> fields = JsonTrees.fields(tree);
		if (fields != null) {
			map(fields, depth);
			return;
		}
		Object java = JsonTrees.toJava(tree);
		if (java == null || JsonTrees.isTree(java)) {
			this.out.append("null");
		}
		else {
			value(java, depth);
		}
	}

	private void map(Map<?, ?> map, int depth) {
		this.out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			first = comma(first);
			name(String.valueOf(entry.getKey()));
			this.out.append(':');
			value(entry.getValue(), depth + 1);
		}
		this.out.append('}');
	}

	private void array(Iterator<?> items, int depth) {
		this.out.append('[');
		boolean first = true;
		while (items.hasNext()) {
			first = comma(first);
			value(items.next(), depth + 1);
		}
		this.out.append(']');
	}

	private void array(Object array, int depth) {
		this.out.append('[');
		int length = Array.getLength(array);
		for (int i = 0; i < length; i++) {
			comma(i == 0);
			value(Array.get(array, i), depth + 1);
		}
		this.out.append(']');
	}

	private void record(Record rec, int depth) {
		this.out.append('{');
		boolean first = true;
		for (RecordComponent component : rec.getClass().getRecordComponents()) {
			Object componentValue;
			try {
				componentValue = component.getAccessor().invoke(rec);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				componentValue = "<unreadable>";
			}
			first = comma(first);
			name(component.getName());
			this.out.append(':');
			value(componentValue, depth + 1);
		}
		this.out.append('}');
	}

	private void message(GenAiMessage message, int depth) {
		this.out.append("{\"role\":");
		name(message.role());
		this.out.append(",\"parts\":");
		array(message.parts().iterator(), depth);
		if (message.finishReason() != null) {
			this.out.append(",\"finish_reason\":");
			name(message.finishReason());
		}
		this.out.append('}');
	}

	private void part(GenAiMessage.Part part, int depth) {
		this.out.append("{\"type\":");
		name(part.type());
		if (part.id() != null) {
			this.out.append(",\"id\":");
			name(part.id());
		}
		if (part.name() != null) {
			this.out.append(",\"name\":");
			name(part.name());
		}
		optionalField("content", part.content(), depth);
		optionalField("arguments", part.arguments(), depth);
		optionalField("response", part.response(), depth);
		this.out.append('}');
	}

	private void optionalField(String name, @Nullable Object value, int depth) {
		if (value != null) {
			this.out.append(",\"").append(name).append("\":");
			value(value, depth + 1);
		}
	}

	private boolean comma(boolean first) {
		if (!first) {
			this.out.append(',');
		}
		return false;
	}

	// Keys, roles, part types, ids and tool names are structure, not content: never cut.
	private void name(@Nullable String text) {
		if (text == null) {
			this.out.append("null");
		}
		else {
			escaped(text);
		}
	}

	private void string(String text) {
		escaped((text.length() > this.stringCap) ? text.substring(0, this.stringCap) + Ag2Attributes.TRUNCATION_MARKER
				: text);
	}

	private void checkLimit() {
		if (this.out.length() > this.limit) {
			throw PAST_LIMIT;
		}
	}

	private void escaped(String cut) {
		this.out.append('"');
		for (int i = 0; i < cut.length(); i++) {
			if ((i & 255) == 0) {
				checkLimit();
			}
			char c = cut.charAt(i);
			switch (c) {
				case '"' -> this.out.append("\\\"");
				case '\\' -> this.out.append("\\\\");
				case '\n' -> this.out.append("\\n");
				case '\r' -> this.out.append("\\r");
				case '\t' -> this.out.append("\\t");
				case '\b' -> this.out.append("\\b");
				case '\f' -> this.out.append("\\f");
				default -> {
					if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(cut, i)) {
						this.out.append(String.format("\\u%04x", (int) c));
					}
					else {
						this.out.append(c);
					}
				}
			}
		}
		this.out.append('"');
	}

	// A cut can split a surrogate pair; a lone surrogate is escaped so the text stays well-formed.
	private static boolean validSurrogate(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

	/** Whether {@code value} is written as a JSON structure or number rather than as its text. */
	static boolean isStructured(Object value) {
		return value instanceof Number || value instanceof Boolean || value instanceof Map<?, ?>
				|| value instanceof Iterable<?> || value.getClass().isArray() || value instanceof Record
				|| value instanceof Optional<?> || value instanceof GenAiMessage || value instanceof GenAiMessage.Part
				|| JsonTrees.isTree(value);
	}

	/** Whether {@code value} is a collection whose elements {@link JsonText} writes as an array. */
	static boolean isList(@Nullable Object value) {
		return value instanceof Collection<?>;
	}

}
