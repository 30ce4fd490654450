package ai.ag2.tracing.internal.aop;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Collection;

import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.jspecify.annotations.Nullable;

/**
 * One call of an annotated method: the target bean, its class, the method as declared on that
 * class (so parameter names and annotations resolve there) and the arguments. Arguments are read,
 * never consumed: nothing here iterates an argument.
 *
 * @param target the bean the method runs on
 * @param targetClass the user class of the bean
 * @param method the most specific method on the target class
 * @param args the arguments
 */
public record MethodCall(Object target, Class<?> targetClass, Method method, @Nullable Object[] args) {

	/** Whether the method's parameter names are known (compiled with {@code -parameters}). */
	public boolean hasParameterNames() {
		for (String name : ParameterNames.of(this.method)) {
			if (name == null) {
				return false;
			}
		}
		return true;
	}

	/** The argument of the first of the named parameters that has a non-null one (needs {@code -parameters}). */
	public @Nullable Object argument(String... names) {
		@Nullable String[] parameters = ParameterNames.of(this.method);
		for (String name : names) {
			for (int i = 0; i < parameters.length && i < this.args.length; i++) {
				if (name.equals(parameters[i]) && this.args[i] != null) {
					return this.args[i];
				}
			}
		}
		return null;
	}

	/** The first argument that is an instance of {@code type}. */
	public <T> @Nullable T firstArgument(Class<T> type) {
		for (Object arg : this.args) {
			if (type.isInstance(arg)) {
				return type.cast(arg);
			}
		}
		return null;
	}

	/**
	 * Whether {@code value} holds several values that can be read without consuming anything: a
	 * {@code Collection} or an array other than {@code byte[]} (a one-shot {@code Iterable} is not).
	 */
	public static boolean isMultiValued(@Nullable Object value) {
		return value instanceof Collection<?>
				|| (value != null && value.getClass().isArray() && !(value instanceof byte[]));
	}

	/** How many values a collection or array holds ({@code null} for anything else). */
	public static @Nullable Integer count(@Nullable Object values) {
		if (values instanceof Collection<?> collection) {
			return collection.size();
		}
		return (values != null && values.getClass().isArray()) ? Array.getLength(values) : null;
	}

}
