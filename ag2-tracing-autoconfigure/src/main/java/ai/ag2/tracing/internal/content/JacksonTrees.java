package ai.ag2.tracing.internal.content;

import org.springframework.util.ClassUtils;

/**
 * Recognises Jackson 2 and Jackson 3 trees without needing either on the classpath: their
 * {@code toString()} is already JSON text.
 */
final class JacksonTrees {

	private static final Class<?> JACKSON_3 = load("tools.jackson.databind.JsonNode");

	private static final Class<?> JACKSON_2 = load("com.fasterxml.jackson.databind.JsonNode");

	private JacksonTrees() {
	}

	static boolean isTree(Object value) {
		return (JACKSON_3 != null && JACKSON_3.isInstance(value)) || (JACKSON_2 != null && JACKSON_2.isInstance(value));
	}

	private static Class<?> load(String name) {
		ClassLoader loader = JacksonTrees.class.getClassLoader();
		return ClassUtils.isPresent(name, loader) ? ClassUtils.resolveClassName(name, loader) : null;
	}

}
