package ai.ag2.tracing.internal.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.annotation.Tool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Decides, once per method and target class, whether a call is traced and by which ag2 annotation
 * (DESIGN §4):
 * <ul>
 * <li>an ag2 annotation on the method, or on a method it overrides or implements, wins; when a
 * method carries several, the first of {@link #PRECEDENCE} makes its one span;</li>
 * <li>otherwise a type-level {@code @Agent}/{@code @LlmClient} traces the public methods the class
 * declares, overrides or inherits from its interfaces (default methods included), except
 * {@code Object}'s methods and JavaBean accessors ({@code getX()}, {@code isX()}, {@code setX(v)})
 * and, for {@code @LlmClient}, methods without parameters;</li>
 * <li>a call through a bridge method (a generic interface such as {@code Function<I,O>.apply}) is
 * resolved to the bridged method, so it is traced exactly once whatever the proxy type;</li>
 * <li>a method carrying an annotation that its library finds by reflection on the bean's own class
 * (LangChain4j's {@code @Tool}: {@code AiServices.tools(bean)} scans {@code bean.getClass()}) is
 * never traced here, so that no ag2 proxy hides it; such a library's integration makes its span.</li>
 * </ul>
 * The value attributes of the annotation are compiled here ({@link AnnotationTemplates}), so that
 * an invalid one fails start-up. Needs nothing but reflection, so the advisor can match methods
 * before any tracing bean exists.
 * <p>
 * Internal API: may change without notice.
 */
public final class TracedMethods {

	private static final Log logger = LogFactory.getLog(TracedMethods.class);

	/** The ag2 annotations in order of precedence. */
	static final List<Class<? extends Annotation>> PRECEDENCE = List.of(Conversation.class, MultiConversation.class,
			SpeakerSelection.class, HumanInput.class, CodeExecution.class, Tool.class, LlmClient.class, Agent.class);

	private static final List<Class<? extends Annotation>> TYPE_LEVEL = List.of(LlmClient.class, Agent.class);

	/** Annotations whose library looks for them on the bean's class, where a proxy's methods do not carry them. */
	private static final Set<String> CLASS_SCANNED_ANNOTATIONS = Set.of("dev.langchain4j.agent.tool.Tool");

	private final Map<Method, Map<Class<?>, Optional<TracedMethod>>> cache = new ConcurrentHashMap<>();

	private final Map<Class<?>, Boolean> checkedClasses = new ConcurrentHashMap<>();

	/** How a call of {@code method} on a bean of {@code targetClass} is traced, or {@code null}. */
	public @Nullable TracedMethod resolve(Method method, @Nullable Class<?> targetClass) {
		Class<?> type = (targetClass != null) ? ClassUtils.getUserClass(targetClass) : method.getDeclaringClass();
		Map<Class<?>, Optional<TracedMethod>> byClass = this.cache.get(method);
		if (byClass == null) {
			byClass = this.cache.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>(4));
		}
		Optional<TracedMethod> traced = byClass.get(type);
		if (traced == null) {
			traced = Optional.ofNullable(find(method, type));
			Optional<TracedMethod> raced = byClass.putIfAbsent(type, traced);
			traced = (raced != null) ? raced : traced;
		}
		return traced.orElse(null);
	}

	/**
	 * Check every method of {@code beanClass} once, when the advisor first meets the class: an
	 * annotation value that is not a literal or a valid template fails (start-up), and a type-level
	 * {@code @Agent}/{@code @LlmClient} that traces no method is logged at WARN.
	 * @throws InvalidAnnotationTemplateException for an invalid annotation value
	 */
	public void checkClass(Class<?> beanClass) {
		Class<?> userClass = ClassUtils.getUserClass(beanClass);
		if (this.checkedClasses.containsKey(userClass)) {
			return;
		}
		boolean[] tracedByTypeLevel = { false };
		ReflectionUtils.doWithMethods(userClass, (method) -> {
			TracedMethod traced = resolve(method, userClass);
			if (traced != null && traced.isTypeLevel()) {
				tracedByTypeLevel[0] = true;
			}
		}, ReflectionUtils.USER_DECLARED_METHODS);
		for (Class<?> iface : ClassUtils.getAllInterfacesForClassAsSet(userClass)) {
			for (Method method : iface.getMethods()) {
				TracedMethod traced = resolve(method, userClass);
				if (traced != null && traced.isTypeLevel()) {
					tracedByTypeLevel[0] = true;
				}
			}
		}
		if (this.checkedClasses.putIfAbsent(userClass, Boolean.TRUE) == null && !tracedByTypeLevel[0]) {
			Annotation typeLevel = first(userClass, TYPE_LEVEL);
			if (typeLevel != null) {
				logger.warn("ag2-tracing: @" + typeLevel.annotationType().getSimpleName() + " on "
						+ userClass.getName() + " traces no method: a type-level annotation traces public methods "
						+ "that are not Object's methods or JavaBean accessors"
						+ ((typeLevel instanceof LlmClient) ? " and take parameters" : "")
						+ "; annotate the methods to trace instead");
			}
		}
	}

	private static @Nullable TracedMethod find(Method method, Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class || (method.isSynthetic() && !method.isBridge())
				|| isObjectMethod(method)) {
			return null;
		}
		// resolves a bridge method (Function.apply(Object)) to the method it bridges
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		if (specific.isBridge() || isObjectMethod(specific) || isClassScanned(specific)) {
			return null;
		}
		Annotation annotation = first(specific, PRECEDENCE);
		boolean typeLevel = false;
		if (annotation == null) {
			Class<?> declaring = specific.getDeclaringClass();
			// an inherited interface default method belongs to the class that inherits it
			annotation = typeLevelAnnotation(specific, declaring.isInterface() ? targetClass : declaring);
			typeLevel = true;
		}
		return (annotation != null) ? new TracedMethod(annotation, specific, typeLevel) : null;
	}

	private static @Nullable Annotation typeLevelAnnotation(Method method, Class<?> annotatedType) {
		if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())
				|| isJavaBeanAccessor(method)) {
			return null;
		}
		for (Class<? extends Annotation> type : TYPE_LEVEL) {
			Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(annotatedType, type);
			if (annotation != null) {
				// a model call takes a prompt or a request: provider(), listeners() are not calls
				return (type == LlmClient.class && method.getParameterCount() == 0) ? null : annotation;
			}
		}
		return null;
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

	// By name: the libraries need not be on the class path.
	private static boolean isClassScanned(Method method) {
		for (Annotation annotation : method.getDeclaredAnnotations()) {
			if (CLASS_SCANNED_ANNOTATIONS.contains(annotation.annotationType().getName())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isObjectMethod(Method method) {
		String name = method.getName();
		int parameters = method.getParameterCount();
		return (name.equals("equals") && parameters == 1) || (name.equals("hashCode") && parameters == 0)
				|| (name.equals("toString") && parameters == 0);
	}

	private static boolean isJavaBeanAccessor(Method method) {
		String name = method.getName();
		int parameters = method.getParameterCount();
		Class<?> returnType = method.getReturnType();
		if (parameters == 0 && returnType != void.class && isProperty(name, "get")) {
			return true;
		}
		if (parameters == 0 && (returnType == boolean.class || returnType == Boolean.class) && isProperty(name, "is")) {
			return true;
		}
		return parameters == 1 && isProperty(name, "set");
	}

	private static boolean isProperty(String name, String prefix) {
		return name.length() > prefix.length() && name.startsWith(prefix)
				&& Character.isUpperCase(name.charAt(prefix.length()));
	}

	/**
	 * How a method is traced: by which annotation, as declared where, with which compiled values.
	 */
	public static final class TracedMethod {

		private final Annotation annotation;

		private final Method method;

		private final boolean typeLevel;

		private final AnnotationTemplates templates;

		TracedMethod(Annotation annotation, Method method, boolean typeLevel) {
			this.annotation = annotation;
			this.method = method;
			this.typeLevel = typeLevel;
			this.templates = AnnotationTemplates.compile(annotation, method);
		}

		/** The ag2 annotation that traces the method. */
		public Annotation annotation() {
			return this.annotation;
		}

		/** The method as declared on the target class, where parameter names and annotations resolve. */
		public Method method() {
			return this.method;
		}

		/** Whether the method is traced by a type-level {@code @Agent}/{@code @LlmClient}. */
		public boolean isTypeLevel() {
			return this.typeLevel;
		}

		/** The annotation's value attributes, compiled. */
		public AnnotationTemplates templates() {
			return this.templates;
		}

	}

}
