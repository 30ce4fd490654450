package ai.ag2.tracing.internal.reflect;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Reads a named property of a record, a JavaBean, an object with public fields, a {@code Map} or
 * a Jackson tree, trying each given name as it is and in camelCase ({@code exit_code} →
 * {@code exitCode}, {@code getExitCode()}). An {@code Optional} value is unwrapped and tree values
 * come back as plain Java values (see {@link JsonTrees}). Lookups are cached per class, so
 * repeated reads cost a map lookup and a reflective call.
 * <p>
 * Internal API: may change without notice.
 */
public final class ObjectProperties {

	private static final Optional<Member> ABSENT = Optional.empty();

	// ClassValue, not a static map: the cache must not keep a user's class loader alive (devtools restarts).
	private static final ClassValue<Map<String, Optional<Member>>> cache = new ClassValue<>() {
		@Override
		protected Map<String, Optional<Member>> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}
	};

	// Names come from code, not from data, so this stays small.
	private static final Map<String, String> camelNames = new ConcurrentHashMap<>();

	private ObjectProperties() {
	}

	/** The property {@code name} of {@code source}, or {@code null}. */
	public static @Nullable Object read(@Nullable Object source, String name) {
		return (source != null) ? readOne(source, name) : null;
	}

	// Fixed arities for the usual one to three names: no array per read.

	/** The first of the two properties that {@code source} has with a non-null value. */
	public static @Nullable Object read(@Nullable Object source, String name, String other) {
		if (source == null) {
			return null;
		}
		Object value = readOne(source, name);
		return (value != null) ? value : readOne(source, other);
	}

	/** The first of the three properties that {@code source} has with a non-null value. */
	public static @Nullable Object read(@Nullable Object source, String name, String second, String third) {
		if (source == null) {
			return null;
		}
		Object value = readOne(source, name);
		if (value == null) {
			value = readOne(source, second);
		}
		return (value != null) ? value : readOne(source, third);
	}

	/** The first of the named properties that {@code source} has with a non-null value. */
	public static @Nullable Object read(@Nullable Object source, String... names) {
		if (source == null) {
			return null;
		}
		for (String name : names) {
			Object value = readOne(source, name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable Object readOne(Object source, String name) {
		if (source instanceof Map<?, ?> map) {
			try {
				Object value = map.get(name);
				if (value == null && hasUnderscore(name)) {
					value = map.get(camel(name));
				}
				return unwrap(value);
			}
			catch (Throwable ex) {
				// a map that rejects String keys (sorted by another key type) has no such property
				return null;
			}
		}
		if (JsonTrees.isTree(source)) {
			Object value = JsonTrees.get(source, name);
			return (value != null || !hasUnderscore(name)) ? value : JsonTrees.get(source, camel(name));
		}
		Optional<Member> member = cache.get(source.getClass()).computeIfAbsent(name, (key) -> find(source.getClass(), key));
		if (member.isEmpty()) {
			return null;
		}
		try {
			return unwrap((member.get() instanceof Method method) ? method.invoke(source)
					: ((Field) member.get()).get(source));
		}
		catch (Throwable ex) {
			return null;
		}
	}

	private static Optional<Member> find(Class<?> type, String name) {
		if (!Modifier.isPublic(type.getModifiers())) {
			return findOnPublicView(type, name);
		}
		String camel = camelCase(name);
		String capitalized = StringUtils.capitalize(camel);
		for (String candidate : new String[] { name, camel, "get" + capitalized, "is" + capitalized }) {
			try {
				Method method = type.getMethod(candidate);
				if (method.getReturnType() != void.class && method.getDeclaringClass() != Object.class) {
					return Optional.of(method);
				}
			}
			catch (NoSuchMethodException ex) {
				// try the next spelling
			}
		}
		for (String candidate : new String[] { name, camel }) {
			try {
				return Optional.of(type.getField(candidate));
			}
			catch (NoSuchFieldException ex) {
				// try the next spelling
			}
		}
		return ABSENT;
	}

	// Non-public classes (records declared in a test, private nested types) are read through accessible members.
	private static Optional<Member> findOnPublicView(Class<?> type, String name) {
		String camel = camelCase(name);
		String capitalized = StringUtils.capitalize(camel);
		for (String candidate : new String[] { name, camel, "get" + capitalized, "is" + capitalized }) {
			for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
				try {
					Method method = current.getDeclaredMethod(candidate);
					if (method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())
							&& method.trySetAccessible()) {
						return Optional.of(method);
					}
				}
				catch (NoSuchMethodException ex) {
					// try the superclass
				}
			}
		}
		return ABSENT;
	}

	private static @Nullable Object unwrap(@Nullable Object value) {
		return (value instanceof Optional<?> optional) ? optional.orElse(null) : value;
	}

	private static boolean hasUnderscore(String name) {
		return name.indexOf('_') >= 0;
	}

	private static String camel(String name) {
		return hasUnderscore(name) ? camelNames.computeIfAbsent(name, ObjectProperties::camelCase) : name;
	}

	/**
	 * {@code value} as a whole number: a finite {@code Number}, or a String holding an integer;
	 * else {@code null} (never 0 or {@code Long.MAX_VALUE} made up from NaN or infinity).
	 */
	public static @Nullable Long wholeNumber(@Nullable Object value) {
		// the two usual boxes first, each with a direct check: parsed JSON holds Integers and Longs
		if (value instanceof Integer whole) {
			return Long.valueOf(whole.longValue());
		}
		if (value instanceof Long whole) {
			// already boxed: no second box
			return whole;
		}
		if (value instanceof Number number) {
			return (number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())
					? null : number.longValue();
		}
		if (value instanceof CharSequence text) {
			try {
				return Long.parseLong(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** {@code value} as a finite decimal number: a {@code Number}, or a String holding one; else {@code null}. */
	public static @Nullable Double decimalNumber(@Nullable Object value) {
		if (value instanceof Double decimal) {
			// already boxed: no second box
			return Double.isFinite(decimal) ? decimal : null;
		}
		double number;
		if (value instanceof Number n) {
			number = n.doubleValue();
		}
		else if (value instanceof CharSequence text) {
			try {
				number = Double.parseDouble(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		else {
			return null;
		}
		return Double.isFinite(number) ? number : null;
	}

	/** {@code exit_code} → {@code exitCode}; names without underscores are returned unchanged. */
	public static String camelCase(String name) {
		if (name.indexOf('_') < 0) {
			return name;
		}
		StringBuilder camel = new StringBuilder(name.length());
		boolean upper = false;
		for (char c : name.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

}
