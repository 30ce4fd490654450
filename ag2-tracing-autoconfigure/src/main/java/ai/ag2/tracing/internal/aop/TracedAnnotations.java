package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the ag2 annotation that made a join point traced, once per method and annotation type.
 * The aspect's pointcuts do not bind the annotation: a bound annotation makes Spring AOP match the
 * pointcut again, reflectively, on every call.
 *
 * @param <A> the annotation type
 */
final class TracedAnnotations<A extends Annotation> {

	private final Class<A> type;

	// By called method, then by target class: an interface method may be annotated differently per implementation.
	private final Map<Method, Map<Class<?>, A>> onMethod = new ConcurrentHashMap<>();

	private final Map<Class<?>, A> onType = new ConcurrentHashMap<>();

	/** {@link #onMethod}, as one function object made once (a method reference per call allocates). */
	final Function<ProceedingJoinPoint, A> methodAnnotation = this::onMethod;

	/** {@link #onType}, as one function object made once. */
	final Function<ProceedingJoinPoint, A> typeAnnotation = this::onType;

	TracedAnnotations(Class<A> type) {
		this.type = type;
	}

	/** The annotation on the called method (as declared on the target class). */
	A onMethod(ProceedingJoinPoint joinPoint) {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Class<?> targetClass = targetClass(joinPoint, method);
		Map<Class<?>, A> byTargetClass = this.onMethod.get(method);
		if (byTargetClass == null) {
			byTargetClass = this.onMethod.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>(4));
		}
		A annotation = byTargetClass.get(targetClass);
		if (annotation == null) {
			annotation = byTargetClass.computeIfAbsent(targetClass, (key) -> find(method, key));
		}
		return annotation;
	}

	/** The annotation on the class of the bean the method runs on. */
	A onType(ProceedingJoinPoint joinPoint) {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Class<?> targetClass = targetClass(joinPoint, method);
		A annotation = this.onType.get(targetClass);
		if (annotation == null) {
			annotation = this.onType.computeIfAbsent(targetClass, (key) -> findOnType(key, method));
		}
		return annotation;
	}

	private A find(Method method, Class<?> targetClass) {
		A annotation = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getMostSpecificMethod(method, targetClass),
				this.type);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, this.type);
		}
		if (annotation == null) {
			throw new IllegalStateException("No @" + this.type.getSimpleName() + " on " + method);
		}
		return annotation;
	}

	private A findOnType(Class<?> targetClass, Method method) {
		A annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, this.type);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), this.type);
		}
		if (annotation == null) {
			throw new IllegalStateException("No @" + this.type.getSimpleName() + " on " + targetClass.getName());
		}
		return annotation;
	}

	private static Class<?> targetClass(ProceedingJoinPoint joinPoint, Method method) {
		Object target = joinPoint.getTarget();
		return (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
	}

}
