package ai.ag2.tracing.internal;

import ai.ag2.tracing.internal.reflect.ObjectProperties;
import java.util.Optional;

import ai.ag2.tracing.annotation.Agent;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Knows the agent name of every {@code @Agent} bean: the annotation's {@code name}, or else the
 * bean name, recorded as each bean is initialised (before any proxy wraps it). Also turns speaker
 * candidates and chat recipients into names: agent beans (or their proxies) by agent name, strings
 * as they are, other objects by their {@code name}/{@code getName()}.
 * <p>
 * Internal API: may change without notice.
 */
public final class AgentNames implements BeanPostProcessor {

	private final WeakIdentityNames beanNames = new WeakIdentityNames();

	// One annotation lookup per class, not per call; ClassValue lets the class be unloaded.
	private static final ClassValue<Optional<Agent>> agentAnnotations = new ClassValue<>() {
		@Override
		protected Optional<Agent> computeValue(Class<?> type) {
			return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(type, Agent.class));
		}
	};

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (agentAnnotation(ClassUtils.getUserClass(bean)) != null) {
			// a scoped bean's target is registered as "scopedTarget.<name>"; the agent is <name>
			this.beanNames.put(bean, ScopedProxyUtils.isScopedTarget(beanName)
					? ScopedProxyUtils.getOriginalBeanName(beanName) : beanName);
		}
		return bean;
	}

	/** The {@code @Agent} on {@code type} or its superclasses, if any. */
	public static @Nullable Agent agentAnnotation(Class<?> type) {
		return agentAnnotations.get(type).orElse(null);
	}

	/** Agent name of {@code bean}, an {@code @Agent} bean (or a proxy of one). */
	public String agentName(Object bean, Agent agent) {
		if (!agent.name().isEmpty()) {
			return agent.name();
		}
		Object target = unwrap(bean);
		String beanName = this.beanNames.get(target);
		return (beanName != null) ? beanName : StringUtils.uncapitalizeAsProperty(ClassUtils.getUserClass(target).getSimpleName());
	}

	/** Agent name of {@code bean} if its class is an {@code @Agent}, else {@code null}. */
	public @Nullable String agentNameIfAgent(Object bean) {
		Object target = unwrap(bean);
		Agent agent = agentAnnotation(ClassUtils.getUserClass(target));
		return (agent != null) ? agentName(target, agent) : null;
	}

	/**
	 * A name for a speaker candidate, a selected speaker or a chat recipient: an agent bean's agent
	 * name, a string or enum as it is, or the {@code name}/{@code agentName}/{@code recipient} of
	 * another object. Anything else has no name ({@code null}): its text could be content, which
	 * must not reach a span unless capture is on.
	 */
	public @Nullable String nameOf(@Nullable Object candidate) {
		return nameOf(candidate, 0);
	}

	private @Nullable String nameOf(@Nullable Object candidate, int depth) {
		if (candidate == null || depth > 3) {
			return null;
		}
		if (candidate instanceof CharSequence text) {
			return text.toString();
		}
		if (candidate instanceof Enum<?> constant) {
			return constant.name();
		}
		String agentName = agentNameIfAgent(candidate);
		if (agentName != null) {
			return agentName;
		}
		Object named = ObjectProperties.read(candidate, "name", "agent_name", "recipient");
		return (named != null && named != candidate) ? nameOf(named, depth + 1) : null;
	}

	private static Object unwrap(Object bean) {
		Object current = bean;
		for (int i = 0; i < 8; i++) {
			Object target = AopProxyUtils.getSingletonTarget(current);
			if (target == null) {
				return current;
			}
			current = target;
		}
		return current;
	}

}
