package ai.ag2.tracing.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.http.MicrometerClientObservations;
import io.micrometer.observation.ObservationRegistry;
import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.recorder.AgentSpanRecorder;
import ai.ag2.tracing.internal.recorder.CodeExecutionSpanRecorder;
import ai.ag2.tracing.internal.recorder.ConversationSpanRecorder;
import ai.ag2.tracing.internal.recorder.HumanInputSpanRecorder;
import ai.ag2.tracing.internal.recorder.LlmSpanRecorder;
import ai.ag2.tracing.internal.recorder.MultiConversationSpanRecorder;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import ai.ag2.tracing.internal.recorder.SpeakerSelectionSpanRecorder;
import ai.ag2.tracing.internal.recorder.ToolSpanRecorder;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.Ag2TracingAdvisor;
import ai.ag2.tracing.internal.aop.Ag2TracingInterceptor;
import ai.ag2.tracing.internal.aop.TracedMethods;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.llm.BuiltInLlmExtractors;
import ai.ag2.tracing.internal.llm.LlmExtractors;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for ag2-tracing: the instrumentation on the
 * application's {@link OpenTelemetry} bean (Spring Boot's, the OpenTelemetry starter's or the
 * user's; never a second SDK), the interceptor for the ag2 annotations and context propagation to
 * Spring Boot's task executor.
 *
 * @see Ag2TracingProperties
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration" })
@ConditionalOnClass(OpenTelemetry.class)
@ConditionalOnEnabledAg2Tracing
@EnableConfigurationProperties(Ag2TracingProperties.class)
public final class Ag2TracingAutoConfiguration {

	private static final Log logger = LogFactory.getLog(Ag2TracingAutoConfiguration.class);

	/** Environment variable of the OpenTelemetry GenAI instrumentations that turns content capture on. */
	static final String CAPTURE_CONTENT_VARIABLE = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

	private static final String OBSERVATION_REGISTRY = "io.micrometer.observation.ObservationRegistry";

	/**
	 * Bean names of the OpenTelemetry starter's HTTP client instrumentation, which opens an HTTP
	 * client span for every call.
	 */
	private static final String[] OPENTELEMETRY_STARTER_HTTP_CLIENT_BEANS = { "otelRestClientCustomizer",
			"otelRestClientBeanPostProcessor" };

	Ag2TracingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	Ag2Instrumentation ag2Instrumentation(ObjectProvider<OpenTelemetry> openTelemetry,
			Ag2TracingProperties properties, Environment environment) {
		OpenTelemetry instance = openTelemetry.getIfAvailable();
		if (instance == null) {
			logger.info("ag2-tracing: the application context has no OpenTelemetry bean, so ag2 spans are not "
					+ "recorded; add spring-boot-starter-opentelemetry (or ag2-tracing-starter) to record them");
			instance = OpenTelemetry.noop();
		}
		boolean captureContent = properties.isCaptureContent()
				|| capturesContent(environment.getProperty(CAPTURE_CONTENT_VARIABLE));
		return new Ag2Instrumentation(instance, new ContentCapture(captureContent, properties.getMaxContentLength()));
	}

	/**
	 * Whether a value of {@value #CAPTURE_CONTENT_VARIABLE} asks for content on spans: {@code true},
	 * or the {@code SPAN_ONLY}/{@code SPAN_AND_EVENT} modes of OpenTelemetry's GenAI
	 * instrumentations. Any other value (including {@code NO_CONTENT}, {@code EVENT_ONLY}) means
	 * no; a value is never a reason to fail start-up.
	 */
	static boolean capturesContent(@Nullable String value) {
		if (value == null) {
			return false;
		}
		String mode = value.trim().toLowerCase(Locale.ROOT);
		return mode.equals("true") || mode.equals("span_only") || mode.equals("span_and_event");
	}

	/** The pipeline every ag2 operation goes through, whoever makes it. */
	@Bean
	@ConditionalOnMissingBean
	Ag2Operations ag2Operations(Ag2Instrumentation instrumentation, ObjectProvider<Ag2OperationListener> listeners) {
		return new Ag2Operations(instrumentation.tracer(), instrumentation.contentCapture(),
				SingletonSupplier.of(() -> listeners.orderedStream().toList()));
	}

	/**
	 * The trace on the wire for every HTTP client adapter (RestClient's interceptor, the client
	 * library integrations): one set of rules for headers, client spans and server addresses.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "ag2.tracing.propagation.client.enabled", matchIfMissing = true)
	HttpClientTracing ag2HttpClientTracing(Ag2Instrumentation instrumentation, ListableBeanFactory beanFactory) {
		boolean starterOpensClientSpans = Arrays.stream(OPENTELEMETRY_STARTER_HTTP_CLIENT_BEANS)
			.anyMatch(beanFactory::containsBeanDefinition);
		Supplier<Boolean> observedExchange = ClassUtils.isPresent(OBSERVATION_REGISTRY, Ag2TracingAutoConfiguration.class.getClassLoader())
				? ObservedExchanges.from(beanFactory) : () -> false;
		return new HttpClientTracing(instrumentation.openTelemetry(), instrumentation.tracer(), !starterOpensClientSpans,
				observedExchange);
	}

	/** Kept apart so that Micrometer Observation's classes load only when it is present. */
	private static final class ObservedExchanges {

		// looked up on first use: the registry is not to be created while advisors are
		static Supplier<Boolean> from(ListableBeanFactory beanFactory) {
			ObjectProvider<ObservationRegistry> registry = beanFactory.getBeanProvider(ObservationRegistry.class);
			SingletonSupplier<Supplier<Boolean>> check = SingletonSupplier.of(() -> {
				ObservationRegistry available = registry.getIfAvailable();
				return (available != null) ? new MicrometerClientObservations(available) : () -> false;
			});
			return () -> check.obtain().get();
		}

	}

	/**
	 * Carries the trace and ag2 context into tasks run by Spring Boot's task executor
	 * ({@code @Async}, {@code applicationTaskExecutor}); Boot composes it with other decorators.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "ag2ContextPropagatingTaskDecorator")
	TaskDecorator ag2ContextPropagatingTaskDecorator() {
		return (runnable) -> Context.current().wrap(runnable);
	}

	/**
	 * The interceptor for the ag2 annotations, as an infrastructure advisor: Spring Boot's
	 * auto-proxy creator applies it whether or not AspectJ is on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Advisor.class, AopProxyUtils.class })
	static class InterceptionConfiguration {

		@Bean
		static AgentNames ag2AgentNames() {
			return new AgentNames();
		}

		@Bean
		@ConditionalOnMissingBean
		LlmExtractors ag2LlmExtractors(ObjectProvider<LlmCallExtractor> extractors,
				Ag2Instrumentation instrumentation) {
			List<LlmCallExtractor> chain = new ArrayList<>(extractors.orderedStream().toList());
			chain.addAll(BuiltInLlmExtractors.create(InterceptionConfiguration.class.getClassLoader(),
					instrumentation.contentCapture().isEnabled()));
			return new LlmExtractors(chain);
		}

		/** Which methods are traced: reflection only, shared by the advisor and the interceptor. */
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static TracedMethods ag2TracedMethods() {
			return new TracedMethods();
		}

		// Static and free of eager dependencies: the auto-proxy creator instantiates advisors while
		// bean post-processors are still being registered.
		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Ag2TracingAdvisor ag2TracingAdvisor(TracedMethods ag2TracedMethods,
				ObjectProvider<Ag2TracingInterceptor> ag2TracingInterceptor, Environment environment) {
			Ag2TracingAdvisor advisor = new Ag2TracingAdvisor(ag2TracedMethods, ag2TracingInterceptor::getObject);
			// bound from the environment: the properties bean is not to be created this early
			advisor.setOrder(Binder.get(environment)
				.bind("ag2.tracing.aop.order", Integer.class)
				.orElse(Ordered.LOWEST_PRECEDENCE));
			return advisor;
		}

		@Bean
		@ConditionalOnMissingBean
		Ag2TracingInterceptor ag2TracingInterceptor(TracedMethods ag2TracedMethods, Ag2Operations ag2Operations,
				ObjectProvider<SpanRecorder<?>> recorders, ObjectProvider<AsyncEndStrategy> asyncEndStrategies) {
			return new Ag2TracingInterceptor(ag2TracedMethods, ag2Operations, recorders.orderedStream().toList(),
					new AsyncEndStrategies(asyncEndStrategies.orderedStream().toList()));
		}

		// The recorders of the ag2 annotations: a bean of the application's for an annotation
		// type (ordered first) replaces the built-in one.

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ConversationSpanRecorder ag2ConversationSpanRecorder(AgentNames ag2AgentNames) {
			return new ConversationSpanRecorder(ag2AgentNames);
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		MultiConversationSpanRecorder ag2MultiConversationSpanRecorder(AgentNames ag2AgentNames) {
			return new MultiConversationSpanRecorder(ag2AgentNames);
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		SpeakerSelectionSpanRecorder ag2SpeakerSelectionSpanRecorder(AgentNames ag2AgentNames) {
			return new SpeakerSelectionSpanRecorder(ag2AgentNames);
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		HumanInputSpanRecorder ag2HumanInputSpanRecorder(AgentNames ag2AgentNames,
				Ag2Instrumentation instrumentation) {
			return new HumanInputSpanRecorder(ag2AgentNames, instrumentation.contentCapture());
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		CodeExecutionSpanRecorder ag2CodeExecutionSpanRecorder(AgentNames ag2AgentNames,
				Ag2Instrumentation instrumentation) {
			return new CodeExecutionSpanRecorder(ag2AgentNames, instrumentation.contentCapture());
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ToolSpanRecorder ag2ToolSpanRecorder(Ag2Instrumentation instrumentation) {
			return new ToolSpanRecorder(instrumentation.contentCapture());
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		LlmSpanRecorder ag2LlmSpanRecorder(LlmExtractors ag2LlmExtractors, Ag2Instrumentation instrumentation) {
			return new LlmSpanRecorder(ag2LlmExtractors, instrumentation.contentCapture());
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		AgentSpanRecorder ag2AgentSpanRecorder(AgentNames ag2AgentNames) {
			return new AgentSpanRecorder(ag2AgentNames);
		}

	}

}
