package ai.ag2.tracing.internal.content;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.Buffer;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.BaseStream;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.reflect.JsonTrees;
import org.jspecify.annotations.Nullable;

/**
 * Writes values as JSON text within a maximum length, so that content capture needs no JSON
 * library on the application's classpath. Records, maps, collections, arrays and scalars become
 * JSON structures, Jackson trees their own structure, any other object the string of its
 * {@code toString()}.
 * <p>
 * Safe on any value: nesting is cut at {@value #MAX_DEPTH} levels and cycles (by identity) are
 * written as placeholders; {@code toString()} is never called on a container and at most once per
 * object and capture; a {@code toString()} or accessor that throws (any {@code Throwable}) gives a
 * placeholder; iterators, streams, one-shot {@code Iterable}s, I/O streams, readers, channels and
 * buffers are named, never read; {@code byte[]} is written as its length. The value is walked
 * once and only as far as the maximum length allows (see {@link JsonLayout}), so a capture costs
 * time bounded by the maximum length, whatever the size or depth of the value.
 */
final class JsonText {

	static final int MAX_DEPTH = 10;

	private final int limit;

	private JsonLayout out;

	// the containers being written, for cycles; made with the first container (arguments are mostly leaves)
	private Object @Nullable [] path;

	private int pathLength;

	// toString() results of this capture, by identity: a value shared or walked again is not asked twice
	private @Nullable IdentityHashMap<Object, String> texts;

	private JsonText(int limit) {
		this.limit = limit;
		this.out = new JsonLayout(limit);
	}

	/**
	 * {@code value} as JSON text of at most {@code limit} characters: its strings cut evenly with
	 * the marker; when even the structure is too long, the newest items of a list that fit, or
	 * the start of the document as one cut string. {@code null} only when {@code limit} is too
	 * small for any JSON text.
	 */
	static @Nullable String json(@Nullable Object value, int limit) {
		JsonText writer = new JsonText(limit);
		JsonLayout whole = writer.out;
		try {
			writer.value(value, 0);
			return whole.fit();
		}
		catch (RuntimeException ex) {
			if (ex != JsonLayout.PAST_LIMIT) {
				throw ex;
			}
		}
		if (value instanceof Collection<?> items && !JsonTrees.isTree(value)) {
			String kept = writer.itemsThatFit(items);
			if (kept != null) {
				return kept;
			}
		}
		return whole.asCutString(limit);
	}

	/**
	 * A JSON object of {@code names} to the values at {@code indexes} in {@code values} (indexes
	 * past the end are left out), at most {@code limit} characters: as {@link #json} writes a map
	 * of the same entries, without making the map.
	 */
	static @Nullable String jsonObject(String[] names, int[] indexes, @Nullable Object[] values, int limit) {
		String flat = flatObject(names, indexes, values, limit);
		if (flat != null) {
			return flat;
		}
		JsonText writer = new JsonText(limit);
		JsonLayout whole = writer.out;
		try {
			whole.raw('{');
			boolean first = true;
			for (int k = 0; k < names.length; k++) {
				int index = indexes[k];
				if (index >= values.length) {
					continue;
				}
				if (!first) {
					whole.raw(',');
				}
				first = false;
				whole.name(names[k]);
				whole.raw(':');
				writer.value(values[index], 1);
			}
			whole.raw('}');
			return whole.fit();
		}
		catch (RuntimeException ex) {
			if (ex != JsonLayout.PAST_LIMIT) {
				throw ex;
			}
		}
		return whole.asCutString(limit);
	}

	/**
	 * The usual tool call's arguments, strings, whole numbers, booleans and nulls that fit within
	 * {@code limit}, written straight out with nothing laid out: the text the walk of
	 * {@link #jsonObject} writes for them. {@code null} for any other value, or as soon as the
	 * text would be longer than {@code limit} (before a long string is copied), for the walk to
	 * take over.
	 */
	private static @Nullable String flatObject(String[] names, int[] indexes, @Nullable Object[] values, int limit) {
		StringBuilder out = new StringBuilder(64);
		out.append('{');
		for (int k = 0; k < names.length; k++) {
			int index = indexes[k];
			if (index >= values.length) {
				continue;
			}
			Object value = values[index];
			String name = names[k];
			// a comma, the quoted name and a colon; escaping only adds to a string's length
			if (out.length() + name.length() + 4 > limit) {
				return null;
			}
			if (out.length() > 1) {
				out.append(',');
			}
			JsonLayout.appendQuoted(out, name, name.length());
			out.append(':');
			if (value == null) {
				out.append("null");
			}
			else if (value instanceof String text) {
				if (out.length() + text.length() + 2 > limit) {
					return null;
				}
				JsonLayout.appendQuoted(out, text, text.length());
			}
			else if (value instanceof Boolean flag) {
				out.append(flag ? "true" : "false");
			}
			else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
				// the digits of toString(), with no String made for them
				out.append(((Number) value).longValue());
			}
			else {
				return null;
			}
			if (out.length() > limit) {
				return null;
			}
		}
		out.append('}');
		return (out.length() <= limit) ? out.toString() : null;
	}

	/**
	 * The text of a value that is not {@link #isStructured structured}: at most {@code bound}
	 * characters of a {@code CharSequence}, the {@code toString()} of other objects, a
	 * placeholder for values that are not read or whose {@code toString()} throws.
	 */
	static String plainText(Object value, int bound) {
		if (value instanceof String text) {
			return text;
		}
		String placeholder = notRead(value);
		if (placeholder != null) {
			return placeholder;
		}
		JsonText reader = new JsonText(bound);
		return (value instanceof CharSequence text) ? reader.textOf(text, bound) : reader.textOf(value);
	}

	/** Whether {@code value} is written as a JSON structure, number or literal rather than as its text. */
	static boolean isStructured(Object value) {
		return value instanceof Number || value instanceof Boolean || value instanceof Map<?, ?>
				|| value instanceof Map.Entry<?, ?> || value instanceof Collection<?>
				|| (value.getClass().isArray() && !(value instanceof byte[])) || value instanceof Record
				|| value instanceof Optional<?> || value instanceof AtomicReference<?> || JsonTrees.isTree(value);
	}

	private void value(@Nullable Object value, int depth) {
		JsonLayout out = this.out;
		out.check();
		if (value == null) {
			out.raw("null");
		}
		else if (value instanceof String text) {
			out.string(text, text.length());
		}
		else if (value instanceof Boolean flag) {
			out.raw(flag ? "true" : "false");
		}
		else if (value instanceof Number number) {
			number(number);
		}
		else if (value instanceof Optional<?> optional) {
			value(optional.orElse(null), depth);
		}
		else if (isContainer(value)) {
			container(value, depth);
		}
		else {
			String placeholder = notRead(value);
			if (placeholder != null) {
				out.string(placeholder, placeholder.length());
			}
			else {
				leaf(value);
			}
		}
	}

	private static boolean isContainer(Object value) {
		return value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Record
				|| value instanceof Map.Entry<?, ?> || value instanceof AtomicReference<?>
				|| (value.getClass().isArray() && !(value instanceof byte[])) || JsonTrees.isTree(value);
	}

	private void container(Object value, int depth) {
		if (depth >= MAX_DEPTH) {
			placeholder("<too deep: ", value);
			return;
		}
		Object[] containers = this.path;
		if (containers == null) {
			containers = new Object[MAX_DEPTH + 1];
			this.path = containers;
		}
		for (int i = 0; i < this.pathLength; i++) {
			if (containers[i] == value) {
				placeholder("<cycle: ", value);
				return;
			}
		}
		containers[this.pathLength++] = value;
		long mark = this.out.mark();
		try {
			if (value instanceof GenAiMessage message) {
				message(message, depth);
			}
			else if (value instanceof GenAiMessage.Part part) {
				part(part, depth);
			}
			else if (JsonTrees.isTree(value)) {
				tree(value, depth);
			}
			else if (value instanceof Map<?, ?> map) {
				map(map.entrySet().iterator(), depth);
			}
			else if (value instanceof Map.Entry<?, ?> entry) {
				this.out.raw('{');
				entry(entry, depth);
				this.out.raw('}');
			}
			else if (value instanceof Collection<?> items) {
				array(items.iterator(), depth);
			}
			else if (value instanceof Record rec) {
				record(rec, depth);
			}
			else if (value instanceof AtomicReference<?> reference) {
				value(reference.get(), depth + 1);
			}
			else {
				array(value, depth);
			}
		}
		catch (Throwable ex) {
			if (ex == JsonLayout.PAST_LIMIT) {
				throw ex;
			}
			// a map, collection or accessor of the application's that fails half-way: replaced whole
			this.out.reset(mark);
			failed(value, ex);
			placeholder("<unserialisable ", value);
		}
		finally {
			this.pathLength--;
		}
	}

	private void placeholder(String kind, Object value) {
		// arrays of a Jackson tree come as views of ours: name what the user passed, not the view
		String type = (value.getClass().getEnclosingClass() == JsonTrees.class) ? "JSON array"
				: value.getClass().getName();
		String text = kind + type + ">";
		this.out.string(text, text.length());
	}

	private void leaf(Object value) {
		String text = (value instanceof CharSequence chars) ? textOf(chars) : textOf(value);
		int length = text.length();
		if (value instanceof CharSequence chars && length == this.out.textBound()) {
			length = lengthOf(chars, length);
		}
		this.out.string(text, length);
	}

	private String textOf(CharSequence chars) {
		return textOf(chars, this.out.textBound());
	}

	private String textOf(CharSequence chars, int bound) {
		try {
			return boundedText(chars, bound);
		}
		catch (Throwable ex) {
			failed(chars, ex);
			return unserialisable(chars);
		}
	}

	private int lengthOf(CharSequence chars, int fallback) {
		try {
			return Math.max(chars.length(), fallback);
		}
		catch (Throwable ex) {
			return fallback;
		}
	}

	// At most bound characters of a CharSequence: a 10 MB StringBuilder is not copied whole.
	private static String boundedText(CharSequence chars, int bound) {
		if (chars instanceof String text) {
			return text;
		}
		int length = chars.length();
		String text = (length > bound) ? chars.subSequence(0, bound).toString() : chars.toString();
		return (text.length() > bound) ? text.substring(0, bound) : text;
	}

	private String textOf(Object value) {
		IdentityHashMap<Object, String> known = this.texts;
		if (known != null) {
			String text = known.get(value);
			if (text != null) {
				return text;
			}
		}
		else {
			known = new IdentityHashMap<>();
			this.texts = known;
		}
		String text;
		try {
			text = String.valueOf(value.toString());
		}
		catch (Throwable ex) {
			failed(value, ex);
			text = unserialisable(value);
		}
		known.put(value, text);
		return text;
	}

	private static String unserialisable(Object value) {
		return "<unserialisable " + value.getClass().getName() + ">";
	}

	// Never the application's own Number classes as raw JSON: their text may be anything.
	private void number(Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof AtomicInteger || number instanceof AtomicLong) {
			this.out.raw(number.toString());
		}
		else if (number instanceof Double || number instanceof Float) {
			double d = number.doubleValue();
			if (Double.isFinite(d)) {
				this.out.raw(number.toString());
			}
			else {
				String text = number.toString();
				this.out.string(text, text.length());
			}
		}
		else if (number instanceof BigInteger || number instanceof BigDecimal) {
			BigInteger digits = (number instanceof BigDecimal decimal) ? decimal.unscaledValue() : (BigInteger) number;
			// decimal digits are about 0.3 per bit: a number far past the limit is not even printed
			if (digits.bitLength() / 4 > this.limit) {
				placeholder("<too long: ", number);
			}
			else {
				this.out.raw(number.toString());
			}
		}
		else {
			leaf(number);
		}
	}

	/**
	 * A short text naming a value that is never read, because reading would change or consume it;
	 * {@code null} for every other value.
	 */
	static @Nullable String notRead(Object value) {
		if (value instanceof byte[] bytes) {
			return "<byte[" + bytes.length + "]>";
		}
		Class<?> kind = oneShotKind(value);
		if (kind == null) {
			return null;
		}
		Class<?> type = value.getClass();
		// an anonymous class or a lambda has no name worth showing: name what it is instead
		boolean unnamed = type.isAnonymousClass() || type.isSynthetic() || type.getName().contains("$$Lambda");
		return "<not read: " + (unnamed ? kind : type).getName() + ">";
	}

	private static @Nullable Class<?> oneShotKind(Object value) {
		for (Class<?> kind : ONE_SHOT) {
			if (kind.isInstance(value)) {
				return kind;
			}
		}
		if (value instanceof Iterable<?> && !(value instanceof Collection<?>) && !(value instanceof Path)
				&& !JsonTrees.isTree(value)) {
			return Iterable.class;
		}
		return null;
	}

	private static final Class<?>[] ONE_SHOT = { Iterator.class, Spliterator.class, BaseStream.class,
			Enumeration.class, InputStream.class, Reader.class, Channel.class, Buffer.class };

	private void tree(Object tree, int depth) {
		Map<String, @Nullable Object> fields = JsonTrees.fields(tree);
		if (fields != null) {
			map(fields.entrySet().iterator(), depth);
			return;
		}
		Object java = JsonTrees.toJava(tree);
		if (java instanceof List<?> elements) {
			array(elements.iterator(), depth);
		}
		else if (java == null || JsonTrees.isTree(java)) {
			this.out.raw("null");
		}
		else {
			value(java, depth);
		}
	}

	private void map(Iterator<? extends Map.Entry<?, ?>> entries, int depth) {
		this.out.raw('{');
		boolean first = true;
		while (entries.hasNext()) {
			Map.Entry<?, ?> entry = entries.next();
			if (!first) {
				this.out.raw(',');
			}
			first = false;
			entry(entry, depth);
		}
		this.out.raw('}');
	}

	private void entry(Map.Entry<?, ?> entry, int depth) {
		this.out.name(key(entry.getKey()));
		this.out.raw(':');
		value(entry.getValue(), depth + 1);
	}

	// Keys are names, never cut; a key that is itself a structure is named by its type, not printed.
	private String key(@Nullable Object key) {
		if (key == null) {
			return "null";
		}
		if (key instanceof CharSequence chars) {
			return textOf(chars);
		}
		if (isContainer(key) || notRead(key) != null || key instanceof Optional<?>) {
			return "<" + key.getClass().getName() + ">";
		}
		return textOf(key);
	}

	private void array(Iterator<?> items, int depth) {
		this.out.raw('[');
		boolean first = true;
		while (items.hasNext()) {
			Object item = items.next();
			if (!first) {
				this.out.raw(',');
			}
			first = false;
			value(item, depth + 1);
		}
		this.out.raw(']');
	}

	private void array(Object array, int depth) {
		this.out.raw('[');
		int length = Array.getLength(array);
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				this.out.raw(',');
			}
			value((array instanceof Object[] objects) ? objects[i] : Array.get(array, i), depth + 1);
		}
		this.out.raw(']');
	}

	private void record(Record rec, int depth) {
		RecordAccessors accessors = RECORDS.get(rec.getClass());
		this.out.raw('{');
		for (int i = 0; i < accessors.names.length; i++) {
			if (i > 0) {
				this.out.raw(',');
			}
			this.out.name(accessors.names[i]);
			this.out.raw(':');
			Method accessor = accessors.methods[i];
			Object component;
			try {
				component = (accessor != null) ? accessor.invoke(rec) : null;
			}
			catch (Throwable ex) {
				failed(rec, (ex instanceof InvocationTargetException invocation && invocation.getCause() != null)
						? invocation.getCause() : ex);
				this.out.string(unserialisable(rec), unserialisable(rec).length());
				continue;
			}
			if (accessor == null) {
				String unreadable = "<unreadable " + rec.getClass().getName() + "." + accessors.names[i] + ">";
				this.out.string(unreadable, unreadable.length());
			}
			else {
				value(component, depth + 1);
			}
		}
		this.out.raw('}');
	}

	private void message(GenAiMessage message, int depth) {
		this.out.raw("{\"role\":");
		name(message.role());
		this.out.raw(",\"parts\":");
		array(message.parts().iterator(), depth);
		if (message.finishReason() != null) {
			this.out.raw(",\"finish_reason\":");
			name(message.finishReason());
		}
		this.out.raw('}');
	}

	private void part(GenAiMessage.Part part, int depth) {
		this.out.raw("{\"type\":");
		name(part.type());
		if (part.id() != null) {
			this.out.raw(",\"id\":");
			name(part.id());
		}
		if (part.name() != null) {
			this.out.raw(",\"name\":");
			name(part.name());
		}
		optionalField("content", part.content(), depth);
		optionalField("arguments", part.arguments(), depth);
		optionalField("response", part.response(), depth);
		this.out.raw('}');
	}

	private void optionalField(String name, @Nullable Object value, int depth) {
		if (value != null) {
			this.out.raw(",\"" + name + "\":");
			value(value, depth + 1);
		}
	}

	// Roles, part types, ids and tool names are structure, not content: never cut.
	private void name(@Nullable String text) {
		if (text == null) {
			this.out.raw("null");
		}
		else {
			this.out.name(text);
		}
	}

	// The structure alone is too long: keep the newest items of a list (the first ones of other
	// collections) that fit whole, or the newest alone, cut, when not even it does. The items are
	// laid out one after the other, newest first, each only as far as room is left, and written
	// in their own order: the limit once more, whatever the size of the list.
	private @Nullable String itemsThatFit(Collection<?> items) {
		int room = this.limit - 2;
		JsonLayout measured = new JsonLayout(room);
		this.out = measured;
		this.pathLength = 0;
		if (this.path == null) {
			this.path = new Object[MAX_DEPTH + 1];
		}
		this.path[this.pathLength++] = items;
		try {
			List<?> list = (items instanceof List<?> ordered) ? ordered : null;
			Iterator<?> forwards = (list != null) ? null : items.iterator();
			ListIterator<?> backwards = (list != null) ? list.listIterator(list.size()) : null;
			long[] marks = new long[16];
			int kept = 0;
			int used = 0;
			while ((backwards != null) ? backwards.hasPrevious() : forwards.hasNext()) {
				Object item = (backwards != null) ? backwards.previous() : forwards.next();
				int left = room - used - ((kept > 0) ? 1 : 0);
				if (left <= 0) {
					break;
				}
				long mark = measured.mark();
				measured.allow(left);
				try {
					value(item, 1);
				}
				catch (RuntimeException ex) {
					if (ex != JsonLayout.PAST_LIMIT) {
						throw ex;
					}
					measured.reset(mark);
					return (kept > 0) ? measured.wholeItems(marks, kept, backwards != null) : newestCut(item, room);
				}
				long whole = measured.wholeLength(mark, left);
				if (whole > left) {
					if (kept > 0) {
						measured.reset(mark);
						break;
					}
					return newestCut(item, room);
				}
				if (kept == marks.length) {
					marks = Arrays.copyOf(marks, kept * 2);
				}
				marks[kept++] = mark;
				used = room - left + (int) whole;
			}
			return (kept > 0) ? measured.wholeItems(marks, kept, backwards != null) : null;
		}
		catch (Throwable ex) {
			if (ex != JsonLayout.PAST_LIMIT) {
				failed(items, ex);
			}
			return null;
		}
	}

	// Not even the newest item fits whole: it alone, cut; or the start of it as one string.
	private @Nullable String newestCut(Object item, int room) {
		JsonLayout layout = new JsonLayout(this.limit);
		this.out = layout;
		try {
			layout.raw('[');
			value(item, 1);
			layout.raw(']');
			return layout.fit();
		}
		catch (RuntimeException ex) {
			if (ex != JsonLayout.PAST_LIMIT) {
				throw ex;
			}
		}
		String start = cutString(item, room);
		return (start != null) ? "[" + start + "]" : null;
	}

	private @Nullable String cutString(Object item, int room) {
		JsonLayout start = new JsonLayout(room);
		this.out = start;
		try {
			value(item, 1);
		}
		catch (RuntimeException ex) {
			if (ex != JsonLayout.PAST_LIMIT) {
				throw ex;
			}
		}
		return start.asCutString(room);
	}

	// A failing toString() or accessor must not cost the span: reported once, written as a placeholder.
	private static void failed(Object value, Throwable ex) {
		try {
			InstrumentationFailures.report("writing a " + value.getClass().getName() + " as content", ex);
		}
		catch (Throwable ignored) {
			// a Throwable whose own toString() fails: nothing more to say about it
		}
	}

	private static final ClassValue<RecordAccessors> RECORDS = new ClassValue<>() {
		@Override
		protected RecordAccessors computeValue(Class<?> type) {
			return RecordAccessors.of(type);
		}
	};

	/** A record class's component names and accessors, made accessible once (records need not be public). */
	private record RecordAccessors(String[] names, @Nullable Method[] methods) {

		static RecordAccessors of(Class<?> type) {
			try {
				RecordComponent[] components = type.getRecordComponents();
				String[] names = new String[components.length];
				Method[] methods = new Method[components.length];
				for (int i = 0; i < components.length; i++) {
					names[i] = components[i].getName();
					Method accessor = components[i].getAccessor();
					methods[i] = accessor.trySetAccessible() ? accessor : null;
				}
				return new RecordAccessors(names, methods);
			}
			catch (Throwable ex) {
				return new RecordAccessors(new String[0], new Method[0]);
			}
		}

	}

}
