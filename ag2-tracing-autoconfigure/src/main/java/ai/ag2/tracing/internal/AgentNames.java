package ai.ag2.tracing.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import ai.ag2.tracing.annotation.Agent;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
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

	// Weak keys so prototype-scoped agents can be collected; the names are held strongly.
	private final Map<Object, String> beanNames = Collections.synchronizedMap(new WeakHashMap<>());

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (agentAnnotation(ClassUtils.getUserClass(bean)) != null) {
			this.beanNames.put(bean, beanName);
		}
		return bean;
	}

	/** The {@code @Agent} on {@code type} or its superclasses, if any. */
	public static @Nullable Agent agentAnnotation(Class<?> type) {
		return AnnotatedElementUtils.findMergedAnnotation(type, Agent.class);
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

	/** A name for a speaker candidate, a selected speaker or a chat recipient. */
	public @Nullable String nameOf(@Nullable Object candidate) {
		if (candidate == null) {
			return null;
		}
		if (candidate instanceof CharSequence text) {
			return text.toString();
		}
		String agentName = agentNameIfAgent(candidate);
		if (agentName != null) {
			return agentName;
		}
		Object named = ObjectProperties.read(candidate, "name", "agent_name", "recipient");
		if (named != null && named != candidate) {
			return nameOf(named);
		}
		return String.valueOf(candidate);
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
