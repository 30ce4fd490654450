package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.annotation.Tool;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Decides, once per method and target class, whether a call is traced and by which ag2 annotation:
 * an ag2 annotation on the method (or on the method it overrides or implements) wins; otherwise a
 * public method declared by a class annotated {@code @Agent} or {@code @LlmClient} is traced by
 * that type-level annotation ({@code equals}, {@code hashCode} and {@code toString} excepted). One
 * invocation makes one span: when a method carries several ag2 annotations, the first of
 * {@link #PRECEDENCE} wins. Needs nothing but reflection, so the advisor can match methods before
 * any tracing bean exists.
 * <p>
 * Internal API: may change without notice.
 */
public final class TracedMethods {

	/** The ag2 annotations in order of precedence. */
	static final List<Class<? extends Annotation>> PRECEDENCE = List.of(Conversation.class, MultiConversation.class,
			SpeakerSelection.class, HumanInput.class, CodeExecution.class, Tool.class, LlmClient.class, Agent.class);

	private static final List<Class<? extends Annotation>> TYPE_LEVEL = List.of(LlmClient.class, Agent.class);

	private final Map<Method, Map<Class<?>, Optional<TracedMethod>>> cache = new ConcurrentHashMap<>();

	/** How a call of {@code method} on a bean of {@code targetClass} is traced, or {@code null}. */
	public @Nullable TracedMethod resolve(Method method, @Nullable Class<?> targetClass) {
		Class<?> type = (targetClass != null) ? targetClass : method.getDeclaringClass();
		Map<Class<?>, Optional<TracedMethod>> byClass = this.cache.get(method);
		if (byClass == null) {
			byClass = this.cache.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>(4));
		}
		Optional<TracedMethod> traced = byClass.get(type);
		if (traced == null) {
			traced = byClass.computeIfAbsent(type, (key) -> Optional.ofNullable(find(method, key)));
		}
		return traced.orElse(null);
	}

	private static @Nullable TracedMethod find(Method method, Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class || method.isBridge() || method.isSynthetic()) {
			return null;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		Annotation annotation = first(specific, PRECEDENCE);
		if (annotation == null && Modifier.isPublic(specific.getModifiers()) && !isObjectMethod(specific)) {
			annotation = first(specific.getDeclaringClass(), TYPE_LEVEL);
		}
		return (annotation != null) ? new TracedMethod(annotation, specific) : null;
	}

	private static @Nullable Annotation first(AnnotatedElement element, List<Class<? extends Annotation>> types) {
		for (Class<? extends Annotation> type : types) {
			Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(element, type);
			if (annotation != null) {
				return annotation;
			}
		}
		return null;
	}

	/**
	 * How a method is traced.
	 *
	 * @param annotation the ag2 annotation that traces it
	 * @param method the method as declared on the target class, where parameter names and
	 * annotations resolve
	 */
	public record TracedMethod(Annotation annotation, Method method) {
	}

	private static boolean isObjectMethod(Method method) {
		String name = method.getName();
		int parameters = method.getParameterCount();
		return (name.equals("equals") && parameters == 1) || (name.equals("hashCode") && parameters == 0)
				|| (name.equals("toString") && parameters == 0);
	}

}
