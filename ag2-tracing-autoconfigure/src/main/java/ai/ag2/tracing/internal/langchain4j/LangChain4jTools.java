package ai.ag2.tracing.internal.langchain4j;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.internal.operation.Ag2Operations;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolService;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;

/**
 * The tools of objects with LangChain4j {@code @Tool} methods, for {@code AiServices.tools(List)},
 * each run through a {@link TracingToolExecutor}. They are found as {@code AiServices.tools(bean)}
 * finds them (LangChain4j's own discovery and checks) on the bean's target, also when the bean is
 * a Spring proxy, whose class carries no {@code @Tool}; they run on the bean, so that its other
 * advice ({@code @Transactional}, retries) still applies.
 * <p>
 * Internal API: may change without notice.
 */
public final class LangChain4jTools {

	private LangChain4jTools() {
	}

	/**
	 * The traced tools of {@code objectsWithTools}.
	 * @throws IllegalArgumentException for a proxy whose target is not one fixed object (a
	 * scoped proxy), whose tools cannot be found
	 */
	public static List<AiServiceTool> of(Ag2Operations operations, Object... objectsWithTools) {
		List<AiServiceTool> tools = new ArrayList<>();
		for (Object bean : objectsWithTools) {
			Object target = target(bean);
			for (AiServiceTool tool : ToolService.findTools(target)) {
				ToolExecutor executor = tool.toolExecutor();
				Method method = (executor instanceof DefaultToolExecutor found) ? found.originalMethod() : null;
				if (target != bean && method != null && method.getDeclaringClass().isInstance(bean)) {
					executor = DefaultToolExecutor.builder()
						.object(bean)
						.originalMethod(method)
						.methodToInvoke(method)
						.wrapToolArgumentsExceptions(true)
						.propagateToolExecutionExceptions(true)
						.build();
				}
				tools.add(tool.toBuilder()
					.toolExecutor(new TracingToolExecutor(executor, tool.toolSpecification(), method, operations))
					.build());
			}
		}
		return tools;
	}

	private static Object target(@Nullable Object bean) {
		if (bean == null) {
			throw new IllegalArgumentException("A LangChain4j tool object must not be null");
		}
		if (!AopUtils.isAopProxy(bean)) {
			return bean;
		}
		Object target = AopProxyUtils.getSingletonTarget(bean);
		if (target == null) {
			throw new IllegalArgumentException("Cannot find the LangChain4j tools of " + bean.getClass().getName()
					+ ": it is a proxy without a fixed target (a scoped proxy?); pass the target object instead");
		}
		return target(target);
	}

}
