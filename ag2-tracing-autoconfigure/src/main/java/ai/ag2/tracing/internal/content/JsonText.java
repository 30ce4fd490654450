package ai.ag2.tracing.internal.content;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.internal.JsonTrees;
import org.jspecify.annotations.Nullable;

/**
 * Writes values as JSON text, cutting every string value to a character cap, so that content
 * capture needs no JSON library on the application's classpath. Records, maps, collections, arrays
 * and scalars become JSON structures; Jackson trees keep their own text; any other object is written
 * as the string of its {@code toString()}.
 */
final class JsonText {

	private static final int MAX_DEPTH = 8;

	private final int stringCap;

	private final StringBuilder out = new StringBuilder();

	private JsonText(int stringCap) {
		this.stringCap = stringCap;
	}

	/** JSON text of {@code value}, with each string longer than {@code stringCap} cut and marked. */
	static String write(@Nullable Object value, int stringCap) {
		JsonText json = new JsonText(stringCap);
		json.value(value, 0);
		return json.out.toString();
	}

	/** JSON string literal of {@code text}, uncut. */
	static String quote(String text) {
		JsonText json = new JsonText(Integer.MAX_VALUE);
		json.string(text);
		return json.out.toString();
	}

	private void value(@Nullable Object value, int depth) {
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
			string(value.toString());
		}
		else if (depth >= MAX_DEPTH) {
			string(String.valueOf(value));
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
			// before Iterable: a tree is iterable over its values, which would drop object keys
			this.out.append(value);
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
			string(String.valueOf(value));
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

	private void map(Map<?, ?> map, int depth) {
		this.out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			first = comma(first);
			string(String.valueOf(entry.getKey()));
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
			string(component.getName());
			this.out.append(':');
			value(componentValue, depth + 1);
		}
		this.out.append('}');
	}

	private void message(GenAiMessage message, int depth) {
		this.out.append("{\"role\":");
		string(message.role());
		this.out.append(",\"parts\":");
		array(message.parts().iterator(), depth);
		if (message.finishReason() != null) {
			this.out.append(",\"finish_reason\":");
			string(message.finishReason());
		}
		this.out.append('}');
	}

	private void part(GenAiMessage.Part part, int depth) {
		this.out.append("{\"type\":");
		string(part.type());
		optionalField("id", part.id(), depth);
		optionalField("name", part.name(), depth);
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

	private void string(String text) {
		String cut = text;
		if (text.length() > this.stringCap) {
			cut = text.substring(0, this.stringCap) + Ag2Attributes.TRUNCATION_MARKER;
		}
		this.out.append('"');
		for (int i = 0; i < cut.length(); i++) {
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

	/** Whether {@code value} is a collection whose elements {@link JsonText} writes as an array. */
	static boolean isList(@Nullable Object value) {
		return value instanceof Collection<?>;
	}

}
