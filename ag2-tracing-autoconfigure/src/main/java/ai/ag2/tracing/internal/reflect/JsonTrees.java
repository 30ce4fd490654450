package ai.ag2.tracing.internal.reflect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Reads Jackson 3 ({@code tools.jackson.databind.JsonNode}) and Jackson 2
 * ({@code com.fasterxml.jackson.databind.JsonNode}) trees without needing either on the classpath:
 * each version is read by a holder class that is loaded only when that version is present.
 * Values come back as plain Java values: strings, numbers, booleans, {@code List}s of values for
 * arrays, the node itself for objects, {@code null} for JSON null and missing members. String
 * values are the node's own {@code String}, never a copy.
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
	 * gives them; {@code null} when {@code tree} is not an object node.
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

	}

	private static final class Jackson3Reader implements TreeReader {

		@Override
		public boolean isTree(Object value) {
			return value instanceof tools.jackson.databind.JsonNode;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> fields(Object tree) {
			tools.jackson.databind.JsonNode node = (tools.jackson.databind.JsonNode) tree;
			if (!node.isObject()) {
				return null;
			}
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			node.properties().forEach((field) -> fields.put(field.getKey(), toJava(field.getValue())));
			return fields;
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
				return elements(node, this);
			}
			return node;
		}

	}

	private static final class Jackson2Reader implements TreeReader {

		@Override
		public boolean isTree(Object value) {
			return value instanceof com.fasterxml.jackson.databind.JsonNode;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> fields(Object tree) {
			com.fasterxml.jackson.databind.JsonNode node = (com.fasterxml.jackson.databind.JsonNode) tree;
			if (!node.isObject()) {
				return null;
			}
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			node.properties().forEach((field) -> fields.put(field.getKey(), toJava(field.getValue())));
			return fields;
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
				return elements(node, this);
			}
			return node;
		}

	}

	// Elements stay references: objects remain nodes, strings are the nodes' own strings.
	private static List<@Nullable Object> elements(Iterable<?> array, TreeReader reader) {
		List<@Nullable Object> elements = new ArrayList<>();
		for (Object element : array) {
			elements.add(reader.toJava(element));
		}
		return Collections.unmodifiableList(elements);
	}

}
