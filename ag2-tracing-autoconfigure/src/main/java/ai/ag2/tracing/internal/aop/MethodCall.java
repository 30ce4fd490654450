package ai.ag2.tracing.internal.aop;

import java.lang.reflect.Method;

import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;


/**
 * One call of an annotated method: the target bean, its class, the method as declared on that
 * class (so parameter names and annotations resolve there) and the arguments.
 *
 * @param target the bean the method runs on
 * @param targetClass the user class of the bean
 * @param method the most specific method on the target class
 * @param args the arguments
 */
public record MethodCall(Object target, Class<?> targetClass, Method method, @Nullable Object[] args) {

	/**
	 * The call {@code invocation} makes, on a bean of {@code targetClass}, of {@code method} (as
	 * declared there): both already worked out when the interceptor decided the call is traced.
	 */
	public static MethodCall of(MethodInvocation invocation, Class<?> targetClass, Method method) {
		Object target = invocation.getThis();
		if (target == null) {
			// a proxy without a target (an empty TargetSource): nothing to name the span after
			throw new IllegalStateException("No target for " + invocation.getMethod());
		}
		// the interceptor chain's own array: read, never written
		return new MethodCall(target, targetClass, method, invocation.getArguments());
	}

	/** The argument of the named parameter, if the method has one (needs {@code -parameters}). */
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
	 * The collection or array argument of one of the named parameters (speaker candidates, chat
	 * lists), else the first collection or array argument.
	 */
	public @Nullable Object multiValuedArgument(String... preferredNames) {
		Object named = argument(preferredNames);
		if (isMultiValued(named)) {
			return named;
		}
		for (Object arg : this.args) {
			if (isMultiValued(arg)) {
				return arg;
			}
		}
		return null;
	}

	private static boolean isMultiValued(@Nullable Object value) {
		return value instanceof Iterable<?> || (value != null && value.getClass().isArray() && !(value instanceof byte[]));
	}

}
