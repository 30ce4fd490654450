package ai.ag2.tracing.internal.reflect;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * Parameter names of traced methods, looked up once per method ({@code getParameters()} copies
 * an array on every call). A name is {@code null} when the class was compiled without
 * {@code -parameters}.
 * <p>
 * Internal API: may change without notice.
 */
public final class ParameterNames {

	private static final Map<Method, @Nullable String[]> cache = new ConcurrentReferenceHashMap<>();

	private ParameterNames() {
	}

	public static @Nullable String[] of(Method method) {
		return cache.computeIfAbsent(method, ParameterNames::lookUp);
	}

	private static @Nullable String[] lookUp(Method method) {
		Parameter[] parameters = method.getParameters();
		@Nullable String[] names = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			names[i] = parameters[i].isNamePresent() ? parameters[i].getName() : null;
		}
		return names;
	}

}
