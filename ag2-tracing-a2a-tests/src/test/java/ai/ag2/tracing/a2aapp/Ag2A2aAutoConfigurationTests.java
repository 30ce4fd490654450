package ai.ag2.tracing.a2aapp;

import ai.ag2.tracing.a2a.Ag2A2aClientInterceptor;
import ai.ag2.tracing.autoconfigure.Ag2A2aAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import ai.ag2.tracing.internal.a2a.A2aAgentSpanRecorder;
import ai.ag2.tracing.internal.a2a.A2aHandlerAdvisor;
import ai.ag2.tracing.internal.a2a.AgentExecutorAdvisor;
import ai.ag2.tracing.internal.recorder.AgentSpanRecorder;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the A2A integration is active: with the A2A SDK on the class path, ag2 tracing on and
 * {@code ag2.tracing.integrations.a2a.enabled} not {@code false}; its client side needs the SDK's
 * client, its server side the SDK's server.
 */
public class Ag2A2aAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class, Ag2A2aAutoConfiguration.class))
		.withPropertyValues("management.tracing.export.otlp.enabled=false")
		.withBean(EchoExecutor.class);

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(Ag2A2aAutoConfiguration.class.getName());
	}

	@Test
	void withTheSdkTheClientInterceptorIsABeanAndAgentExecutorsAreTraced() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Ag2A2aClientInterceptor.class)
				.hasSingleBean(A2aAgentSpanRecorder.class)
				.hasSingleBean(AgentExecutorAdvisor.class)
				.hasSingleBean(A2aHandlerAdvisor.class)
				.hasSingleBean(AgentSpanRecorder.class);
			assertThat(AopUtils.isAopProxy(context.getBean(EchoExecutor.class))).isTrue();
		});
	}

	@Test
	void whenTheIntegrationIsDisabledNothingIsRegisteredOrProxied() {
		this.runner.withPropertyValues("ag2.tracing.integrations.a2a.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(Ag2A2aClientInterceptor.class)
				.doesNotHaveBean(A2aAgentSpanRecorder.class)
				.doesNotHaveBean(AgentExecutorAdvisor.class)
				.doesNotHaveBean(A2aHandlerAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(EchoExecutor.class))).isFalse();
		});
	}

	@Test
	void whenAg2TracingIsDisabledNothingIsRegisteredOrProxied() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(Ag2A2aClientInterceptor.class)
				.doesNotHaveBean(AgentExecutorAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(EchoExecutor.class))).isFalse();
		});
	}

	@Test
	void withoutTheSdkTheIntegrationBacksOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class, Ag2A2aAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.a2a"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Ag2A2aClientInterceptor.class)
				.doesNotHaveBean(A2aAgentSpanRecorder.class)
				.doesNotHaveBean(AgentExecutorAdvisor.class)
				.doesNotHaveBean(A2aHandlerAdvisor.class));
	}

	@Test
	void withTheServerAloneOnlyAgentExecutorsAreTraced() {
		this.runner.withClassLoader(new FilteredClassLoader("io.a2a.client")).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(Ag2A2aClientInterceptor.class)
				.doesNotHaveBean(A2aAgentSpanRecorder.class)
				.hasSingleBean(AgentExecutorAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(EchoExecutor.class))).isTrue();
		});
	}

	@Test
	void withTheClientAloneOnlyItsRequestsAreTraced() {
		this.runner.withClassLoader(new FilteredClassLoader("io.a2a.server", "io.a2a.transport"))
			.withBean("plain", Object.class, Object::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Ag2A2aClientInterceptor.class)
				.doesNotHaveBean(AgentExecutorAdvisor.class)
				.doesNotHaveBean(A2aHandlerAdvisor.class));
	}

	/** An executor that does nothing. */
	public static class EchoExecutor implements AgentExecutor {

		@Override
		public void execute(RequestContext context, EventQueue eventQueue) {
		}

		@Override
		public void cancel(RequestContext context, EventQueue eventQueue) {
		}

	}

}
