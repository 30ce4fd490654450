package ai.ag2.tracing.autoconfigure;

import java.util.function.Supplier;

import ai.ag2.tracing.a2a.Ag2A2aClientInterceptor;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.a2a.A2aAgentSpanRecorder;
import ai.ag2.tracing.internal.a2a.A2aClientRequests;
import ai.ag2.tracing.internal.a2a.A2aHandlerAdvisor;
import ai.ag2.tracing.internal.a2a.A2aServerCalls;
import ai.ag2.tracing.internal.a2a.AgentExecutorAdvisor;
import ai.ag2.tracing.internal.a2a.AgentExecutorTracer;
import ai.ag2.tracing.internal.aop.TracedMethods;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.recorder.AgentSpanRecorder;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import io.a2a.client.ClientEvent;
import io.a2a.client.transport.spi.interceptors.ClientCallInterceptor;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.spec.AgentCard;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the A2A Java SDK ({@code io.github.a2asdk}),
 * active when the SDK is on the class path and {@code ag2.tracing.integrations.a2a.enabled} is
 * not {@code false}.
 * <ul>
 * <li>Client: an {@link Ag2A2aClientInterceptor} bean, for the transport config's
 * {@code addInterceptor(…)}: the trace context on every A2A request, the request's A2A attributes
 * on the remote agent's span; and the {@code @Agent} recorder reads a remote agent's A2A reply.</li>
 * <li>Server: every {@code AgentExecutor} bean is traced as {@code conversation} →
 * {@code invoke_agent} under the request's {@code a2a-execution}, the context carried to the SDK's
 * thread pool by the request handlers that are beans ({@code RequestHandler},
 * {@code JSONRPCHandler}).</li>
 * </ul>
 *
 * @see Ag2TracingProperties.Integrations
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class)
@ConditionalOnClass({ AgentCard.class, Advisor.class })
@ConditionalOnEnabledAg2Tracing
@ConditionalOnBooleanProperty(name = "ag2.tracing.integrations.a2a.enabled", matchIfMissing = true)
@ConditionalOnBean(Ag2Operations.class)
public final class Ag2A2aAutoConfiguration {

	Ag2A2aAutoConfiguration() {
	}

	/** The A2A client's side. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientCallInterceptor.class, ClientEvent.class })
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Ag2A2aClientInterceptor ag2A2aClientInterceptor(Ag2Instrumentation instrumentation,
				ObjectProvider<HttpClientTracing> ag2HttpClientTracing) {
			return new Ag2A2aClientInterceptor(new A2aClientRequests(ag2HttpClientTracing.getIfAvailable(),
					instrumentation.contentCapture()));
		}

		/**
		 * Ordered first, so that it is the {@code @Agent} recorder; it hands everything but the
		 * reading of A2A replies to the recorder that would be the {@code @Agent} recorder without
		 * it (the application's, else the built-in one).
		 */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		A2aAgentSpanRecorder ag2A2aAgentSpanRecorder(ObjectProvider<SpanRecorder<?>> recorders,
				ObjectProvider<AgentNames> agentNames, Ag2Instrumentation instrumentation) {
			return new A2aAgentSpanRecorder(new Delegate(recorders, agentNames), instrumentation.contentCapture());
		}

	}

	/** The A2A server's side. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AgentExecutor.class)
	static class ServerConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static A2aServerCalls ag2A2aServerCalls() {
			return new A2aServerCalls();
		}

		// Advisors: static and free of eager dependencies, the auto-proxy creator instantiates them
		// while bean post-processors are still being registered.

		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static AgentExecutorAdvisor ag2A2aAgentExecutorAdvisor(A2aServerCalls ag2A2aServerCalls,
				ObjectProvider<Ag2Operations> ag2Operations, ObjectProvider<AgentCard> agentCards,
				ObjectProvider<TracedMethods> ag2TracedMethods) {
			return new AgentExecutorAdvisor(() -> new AgentExecutorTracer(ag2Operations.getObject(), ag2A2aServerCalls,
					agentCards::getIfUnique, ag2TracedMethods.getIfAvailable()));
		}

		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static A2aHandlerAdvisor ag2A2aHandlerAdvisor(A2aServerCalls ag2A2aServerCalls) {
			return new A2aHandlerAdvisor(ag2A2aServerCalls);
		}

	}

	/** The {@code @Agent} recorder there would be without A2A's, found on first use. */
	private static final class Delegate implements Supplier<SpanRecorder<Agent>> {

		private final ObjectProvider<SpanRecorder<?>> recorders;

		private final ObjectProvider<AgentNames> agentNames;

		private volatile @Nullable SpanRecorder<Agent> found;

		Delegate(ObjectProvider<SpanRecorder<?>> recorders, ObjectProvider<AgentNames> agentNames) {
			this.recorders = recorders;
			this.agentNames = agentNames;
		}

		@Override
		@SuppressWarnings("unchecked")
		public SpanRecorder<Agent> get() {
			SpanRecorder<Agent> recorder = this.found;
			if (recorder == null) {
				recorder = this.recorders.orderedStream()
					.filter((candidate) -> candidate.annotationType() == Agent.class
							&& !(candidate instanceof A2aAgentSpanRecorder))
					.map((candidate) -> (SpanRecorder<Agent>) candidate)
					.findFirst()
					.orElseGet(() -> new AgentSpanRecorder(this.agentNames.getObject()));
				this.found = recorder;
			}
			return recorder;
		}

	}

}
