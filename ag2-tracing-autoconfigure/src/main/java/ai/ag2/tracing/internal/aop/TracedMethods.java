package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.LlmClient;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Decides, once per method and target class, whether a call is traced and by which recorder: an ag2
 * annotation on the method (or on the method it overrides or implements) wins; otherwise a public
 * method declared by a class annotated {@code @Agent} or {@code @LlmClient} is traced by that
 * type-level annotation ({@code equals}, {@code hashCode} and {@code toString} excepted). One
 * invocation makes one span: when a method carries several ag2 annotations, the first of
 * {@link #recorders} wins.
 */
final class TracedMethods {

	private final List<SpanRecorder<?>> recorders;

	private final Map<Method, Map<Class<?>, Optional<Traced<?>>>> cache = new ConcurrentHashMap<>();

	/**
	 * @param recorders one per annotation type, in order of precedence
	 */
	TracedMethods(List<SpanRecorder<?>> recorders) {
		this.recorders = List.copyOf(recorders);
	}

	/** How a call of {@code method} on a bean of {@code targetClass} is traced, or {@code null}. */
	@Nullable Traced<?> resolve(Method method, @Nullable Class<?> targetClass) {
		Class<?> type = (targetClass != null) ? targetClass : method.getDeclaringClass();
		Map<Class<?>, Optional<Traced<?>>> byClass = this.cache.get(method);
		if (byClass == null) {
			byClass = this.cache.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>(4));
		}
		Optional<Traced<?>> traced = byClass.get(type);
		if (traced == null) {
			traced = byClass.computeIfAbsent(type, (key) -> Optional.ofNullable(find(method, key)));
		}
		return traced.orElse(null);
	}

	private @Nullable Traced<?> find(Method method, Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class || method.isBridge() || method.isSynthetic()) {
			return null;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		for (SpanRecorder<?> recorder : this.recorders) {
			Traced<?> onMethod = traced(recorder, specific);
			if (onMethod != null) {
				return onMethod;
			}
		}
		if (!Modifier.isPublic(specific.getModifiers()) || isObjectMethod(specific)) {
			return null;
		}
		for (SpanRecorder<?> recorder : this.recorders) {
			Class<? extends Annotation> type = recorder.annotationType();
			if (type == Agent.class || type == LlmClient.class) {
				Traced<?> onType = traced(recorder, specific.getDeclaringClass());
				if (onType != null) {
					return onType;
				}
			}
		}
		return null;
	}

	private static <A extends Annotation> @Nullable Traced<A> traced(SpanRecorder<A> recorder,
			java.lang.reflect.AnnotatedElement element) {
		A annotation = AnnotatedElementUtils.findMergedAnnotation(element, recorder.annotationType());
		return (annotation != null) ? new Traced<>(recorder, annotation) : null;
	}

	private static boolean isObjectMethod(Method method) {
		String name = method.getName();
		int parameters = method.getParameterCount();
		return (name.equals("equals") && parameters == 1) || (name.equals("hashCode") && parameters == 0)
				|| (name.equals("toString") && parameters == 0);
	}

	/**
	 * The recorder and annotation that trace a method.
	 *
	 * @param <A> the annotation type
	 * @param recorder the recorder of the span type
	 * @param annotation the annotation found
	 */
	record Traced<A extends Annotation>(SpanRecorder<A> recorder, A annotation) {
	}

}
