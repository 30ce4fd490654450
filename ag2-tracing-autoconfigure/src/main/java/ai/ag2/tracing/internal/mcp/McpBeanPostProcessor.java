package ai.ag2.tracing.internal.mcp;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Traces the MCP clients and servers of the application context, with no code:
 * <ul>
 * <li>client transports: {@code McpClientTransport} beans, and the named transports of Spring AI's
 * MCP client auto-configuration (before Spring AI builds its clients on them), are replaced by
 * traced transports that delegate to them, when the bean's declared type allows it;</li>
 * <li>servers: once an {@code McpSyncServer}/{@code McpAsyncServer} (or stateless) bean is built,
 * the handlers its transport provider hands requests to are traced, whatever the provider's class
 * (Spring AI's WebMvc providers are final); a stdio provider, which starts its session when the
 * server is built, is replaced by a traced one beforehand when its declared type is the SDK's
 * interface (Spring AI's is).</li>
 * </ul>
 * Idempotent: what is traced already is left as it is. A bean that cannot be traced is left as it
 * is, with one warning that names it and the call that traces it ({@code Ag2Mcp}).
 * <p>
 * Internal API: may change without notice.
 */
public final class McpBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final String NAMED_TRANSPORT = "org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport";

	private static final boolean SPRING_AI = ClassUtils.isPresent(NAMED_TRANSPORT,
			McpBeanPostProcessor.class.getClassLoader());

	private final Supplier<McpTracing> tracing;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	public McpBeanPostProcessor(Supplier<McpTracing> tracing) {
		this.tracing = tracing;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		try {
			if (bean instanceof McpClientTransport transport && !(bean instanceof TracingClientTransport)) {
				return declaredAs(beanName, McpClientTransport.class) ? this.tracing.get().trace(transport)
						: unchanged(bean, beanName, "ag2Mcp.trace(transport)");
			}
			if (bean instanceof StdioServerTransportProvider provider) {
				return declaredAs(beanName, McpServerTransportProvider.class) ? this.tracing.get().trace(provider)
						: unchanged(bean, beanName, "ag2Mcp.trace(provider)");
			}
			if (SPRING_AI && bean instanceof List<?> list && !list.isEmpty()) {
				return SpringAiTransports.trace(list, this.tracing.get());
			}
			if (bean instanceof McpSyncServer server) {
				traceProvider(server.getAsyncServer(), beanName);
			}
			else if (bean instanceof McpAsyncServer server) {
				traceProvider(server, beanName);
			}
			else if (bean instanceof McpStatelessSyncServer server) {
				McpStatelessAsyncServer async = fieldOf(server, McpStatelessAsyncServer.class);
				if (async != null) {
					traceProvider(async, beanName);
				}
			}
			else if (bean instanceof McpStatelessAsyncServer server) {
				traceProvider(server, beanName);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing MCP bean '" + beanName + "'", ex);
		}
		return bean;
	}

	private void traceProvider(Object server, String beanName) {
		McpServerTransportProviderBase provider = fieldOf(server, McpServerTransportProviderBase.class);
		McpTracing current = this.tracing.get();
		if (provider instanceof TracingServerTransportProvider || provider instanceof TracingStreamableServerTransportProvider) {
			return;
		}
		if (provider instanceof McpStreamableServerTransportProvider streamable) {
			StreamableHandlers.trace(fieldOf(streamable, McpStreamableServerSession.Factory.class), current);
			return;
		}
		if (provider instanceof StdioServerTransportProvider) {
			unchanged(server, beanName, "ag2Mcp.trace(provider) where the server is built");
			return;
		}
		if (provider instanceof McpServerTransportProvider sessions) {
			McpServerSession.Factory factory = fieldOf(sessions, McpServerSession.Factory.class);
			if (factory != null) {
				// a servlet or WebMvc provider only keeps the factory: the sessions it makes from now on are traced
				sessions.setSessionFactory(TracedServerSession.factory(factory, current, false));
			}
			return;
		}
		McpStatelessServerTransport stateless = fieldOf(server, McpStatelessServerTransport.class);
		if (stateless != null && !(stateless instanceof TracingStatelessServerTransport)) {
			McpStatelessServerHandler handler = fieldOf(stateless, McpStatelessServerHandler.class);
			if (handler != null) {
				stateless.setMcpHandler(TracingStatelessHandler.trace(handler, current));
			}
		}
	}

	// The first field of type `type` in `target`'s class or superclasses, read reflectively
	private static <T> @Nullable T fieldOf(Object target, Class<T> type) {
		for (Class<?> owner = target.getClass(); owner != null && owner != Object.class; owner = owner.getSuperclass()) {
			for (Field field : owner.getDeclaredFields()) {
				if (type.isAssignableFrom(field.getType()) && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
					ReflectionUtils.makeAccessible(field);
					Object value = ReflectionUtils.getField(field, target);
					if (type.isInstance(value)) {
						return type.cast(value);
					}
				}
			}
		}
		return null;
	}

	// Whether the bean's declared type is `type` (or one of its supertypes), so a wrapper of that type fits
	private boolean declaredAs(String beanName, Class<?> type) {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null || !factory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = factory.getMergedBeanDefinition(beanName);
		Class<?> declared = null;
		if (definition instanceof RootBeanDefinition root) {
			Method factoryMethod = root.getResolvedFactoryMethod();
			declared = (factoryMethod != null) ? factoryMethod.getReturnType() : root.getTargetType();
		}
		return declared != null && declared.isAssignableFrom(type);
	}

	private static Object unchanged(Object bean, String beanName, String call) {
		InstrumentationFailures.warnOnce("mcp-bean:" + beanName, "ag2-tracing: MCP bean '" + beanName + "' ("
				+ bean.getClass().getName() + ") is declared with its own class, which ag2-tracing cannot wrap; "
				+ "trace it with " + call + " (Ag2Mcp)");
		return bean;
	}

	/** Kept apart so that Spring AI's classes load only when they are present. */
	private static final class SpringAiTransports {

		static Object trace(List<?> beans, McpTracing tracing) {
			if (!beans.stream()
				.allMatch(org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport.class::isInstance)) {
				return beans;
			}
			List<org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport> traced = new ArrayList<>();
			for (Object bean : beans) {
				var named = (org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport) bean;
				traced.add(new org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport(named.name(),
						tracing.trace(named.transport())));
			}
			return traced;
		}

	}

}
