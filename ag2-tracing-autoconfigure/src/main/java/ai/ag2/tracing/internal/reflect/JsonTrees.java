package ai.ag2.tracing.internal.reflect;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Reads Jackson 3 ({@code tools.jackson.databind.JsonNode}) and Jackson 2
 * ({@code com.fasterxml.jackson.databind.JsonNode}) trees without needing either on the classpath:
 * each version is read by a holder class that is loaded only when that version is present.
 * Values come back as plain Java values: strings, numbers, booleans, read-only {@code List} views
 * of values for arrays, the node itself for objects, {@code null} for JSON null and missing members.
 * Arrays and {@link #fields} are views converted element by element as they are read, so a huge or
 * deeply nested tree costs only what is read of it. String values are the node's own
 * {@code String}, never a copy.
 * <p>
 * Internal API: may change without notice.
 */
public final class JsonTrees {

	private static final @Nullable TreeReader JACKSON_3 = isPresent("tools.jackson.databind.JsonNode")
			? new Jackson3Reader() : null;

	private static final @Nullable TreeReader JACKSON_2 = isPresent("com.fasterxml.jackson.databind.JsonNode")
			? new Jackson2Reader() : null;

	private JsonTrees() {
	}

	/** Whether {@code value} is a Jackson 2 or Jackson 3 tree node. */
	public static boolean isTree(@Nullable Object value) {
		return value != null && reader(value) != null;
	}

	/**
	 * The member {@code name} of an object node, as a plain Java value; {@code null} when
	 * {@code tree} is no object node or has no such member.
	 */
	public static @Nullable Object get(Object tree, String name) {
		TreeReader reader = reader(tree);
		return (reader != null) ? reader.get(tree, name) : null;
	}

	/** {@code value} as a plain Java value if it is a tree node, else {@code value} unchanged. */
	public static @Nullable Object toJava(@Nullable Object value) {
		TreeReader reader = (value != null) ? reader(value) : null;
		return (reader != null) ? reader.toJava(value) : value;
	}

	/**
	 * The fields of a tree that is a JSON object, in order, with their values as {@link #toJava}
	 * gives them (a read-only view of the node); {@code null} when {@code tree} is not an object node.
	 */
	public static @Nullable Map<String, @Nullable Object> fields(Object tree) {
		TreeReader reader = reader(tree);
		return (reader != null) ? reader.fields(tree) : null;
	}

	private static @Nullable TreeReader reader(Object value) {
		if (JACKSON_3 != null && JACKSON_3.isTree(value)) {
			return JACKSON_3;
		}
		if (JACKSON_2 != null && JACKSON_2.isTree(value)) {
			return JACKSON_2;
		}
		return null;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, JsonTrees.class.getClassLoader());
	}

	private interface TreeReader {

		boolean isTree(Object value);

		@Nullable Object get(Object tree, String name);

		@Nullable Map<String, @Nullable Object> fields(Object tree);

		@Nullable Object toJava(Object node);

		int size(Object container);

		@Nullable Object element(Object array, int index);

		boolean has(Object object, String name);

		Iterator<? extends Map.Entry<String, ?>> properties(Object object);

	}

	private static final class Jackson3Reader implements TreeReader {

		@Override
		public boolean isTree(Object value) {
			return value instanceof tools.jackson.databind.JsonNode;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> fields(Object tree) {
			return ((tools.jackson.databind.JsonNode) tree).isObject() ? new ObjectView(tree, this) : null;
		}

		@Override
		public @Nullable Object get(Object tree, String name) {
			tools.jackson.databind.JsonNode node = (tools.jackson.databind.JsonNode) tree;
			return node.isObject() ? toJava(node.get(name)) : null;
		}

		@Override
		public @Nullable Object toJava(@Nullable Object value) {
			if (!(value instanceof tools.jackson.databind.JsonNode node) || node.isNull() || node.isMissingNode()) {
				return null;
			}
			if (node.isString()) {
				return node.stringValue();
			}
			if (node.isNumber()) {
				return node.numberValue();
			}
			if (node.isBoolean()) {
				return node.booleanValue();
			}
			if (node.isArray()) {
				return new ArrayView(node, this);
			}
			return node;
		}

		@Override
		public int size(Object container) {
			return ((tools.jackson.databind.JsonNode) container).size();
		}

		@Override
		public @Nullable Object element(Object array, int index) {
			return toJava(((tools.jackson.databind.JsonNode) array).get(index));
		}

		@Override
		public boolean has(Object object, String name) {
			return ((tools.jackson.databind.JsonNode) object).has(name);
		}

		@Override
		public Iterator<? extends Map.Entry<String, ?>> properties(Object object) {
			return ((tools.jackson.databind.JsonNode) object).properties().iterator();
		}

	}

	private static final class Jackson2Reader implements TreeReader {

		@Override
		public boolean isTree(Object value) {
			return value instanceof com.fasterxml.jackson.databind.JsonNode;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> fields(Object tree) {
			return ((com.fasterxml.jackson.databind.JsonNode) tree).isObject() ? new ObjectView(tree, this) : null;
		}

		@Override
		public @Nullable Object get(Object tree, String name) {
			com.fasterxml.jackson.databind.JsonNode node = (com.fasterxml.jackson.databind.JsonNode) tree;
			return node.isObject() ? toJava(node.get(name)) : null;
		}

		@Override
		public @Nullable Object toJava(@Nullable Object value) {
			if (!(value instanceof com.fasterxml.jackson.databind.JsonNode node) || node.isNull()
					|| node.isMissingNode()) {
				return null;
			}
			if (node.isTextual()) {
				return node.textValue();
			}
			if (node.isNumber()) {
				return node.numberValue();
			}
			if (node.isBoolean()) {
				return node.booleanValue();
			}
			if (node.isArray()) {
				return new ArrayView(node, this);
			}
			return node;
		}

		@Override
		public int size(Object container) {
			return ((com.fasterxml.jackson.databind.JsonNode) container).size();
		}

		@Override
		public @Nullable Object element(Object array, int index) {
			return toJava(((com.fasterxml.jackson.databind.JsonNode) array).get(index));
		}

		@Override
		public boolean has(Object object, String name) {
			return ((com.fasterxml.jackson.databind.JsonNode) object).has(name);
		}

		@Override
		public Iterator<? extends Map.Entry<String, ?>> properties(Object object) {
			return ((com.fasterxml.jackson.databind.JsonNode) object).properties().iterator();
		}

	}

	// A view, not a copy: reading a huge or deep array costs only the elements that are read.
	private static final class ArrayView extends AbstractList<@Nullable Object> implements RandomAccess {

		private final Object array;

		private final TreeReader reader;

		ArrayView(Object array, TreeReader reader) {
			this.array = array;
			this.reader = reader;
		}

		@Override
		public @Nullable Object get(int index) {
			Objects.checkIndex(index, size());
			return this.reader.element(this.array, index);
		}

		@Override
		public int size() {
			return this.reader.size(this.array);
		}

	}

	// Fields in the node's order, each value converted only when it is reached.
	private static final class ObjectView extends AbstractMap<String, @Nullable Object> {

		private final Object object;

		private final TreeReader reader;

		ObjectView(Object object, TreeReader reader) {
			this.object = object;
			this.reader = reader;
		}

		@Override
		public @Nullable Object get(Object key) {
			return (key instanceof String name) ? this.reader.get(this.object, name) : null;
		}

		@Override
		public boolean containsKey(Object key) {
			return key instanceof String name && this.reader.has(this.object, name);
		}

		@Override
		public int size() {
			return this.reader.size(this.object);
		}

		@Override
		public Set<Map.Entry<String, @Nullable Object>> entrySet() {
			return new AbstractSet<>() {

				@Override
				public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
					Iterator<? extends Map.Entry<String, ?>> properties = ObjectView.this.reader
						.properties(ObjectView.this.object);
					return new Iterator<>() {

						@Override
						public boolean hasNext() {
							return properties.hasNext();
						}

						@Override
						public Map.Entry<String, @Nullable Object> next() {
							Map.Entry<String, ?> property = properties.next();
							return new SimpleImmutableEntry<>(property.getKey(),
									ObjectView.this.reader.toJava(property.getValue()));
						}

					};
				}

				@Override
				public int size() {
					return ObjectView.this.size();
				}

			};
		}

	}

}
