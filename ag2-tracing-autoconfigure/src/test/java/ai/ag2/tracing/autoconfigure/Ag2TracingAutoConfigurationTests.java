package ai.ag2.tracing.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.Ag2TracingAdvisor;
import ai.ag2.tracing.internal.aop.Ag2TracingInterceptor;
import ai.ag2.tracing.internal.aop.TracedMethods;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Ag2TracingAutoConfiguration}: which {@link OpenTelemetry} it uses and what it
 * registers in each setup a user can have.
 */
@ExtendWith(OutputCaptureExtension.class)
class Ag2TracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(ToolConfiguration.class);

	@Test
	void usesSpringBootsOpenTelemetryBeanAndCreatesNoSecondSdk() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetry.class)
				.hasSingleBean(Ag2Instrumentation.class)
				.hasSingleBean(Ag2TracingAdvisor.class)
				.hasSingleBean(AgentNames.class)
				.hasBean("ag2ContextPropagatingTaskDecorator");
			assertThat(context.getBean(Ag2Instrumentation.class).openTelemetry())
				.isSameAs(context.getBean(OpenTelemetry.class));
			assertThat(context.getBean(Ag2TracingProperties.class).isCaptureContent()).isFalse();
		});
	}

	@Test
	void whenUserDefinesOpenTelemetryBeanSpansGoThroughIt() {
		InMemorySpanExporter userExporter = InMemorySpanExporter.create();
		this.runner.withBean("userOpenTelemetry", OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(userExporter)).build())
			.build()).run((context) -> {
				assertThat(context).hasSingleBean(OpenTelemetry.class).hasBean("userOpenTelemetry");
				assertThat(context.getBean(Ag2Instrumentation.class).openTelemetry())
					.isSameAs(context.getBean("userOpenTelemetry"));
				context.getBean(Tools.class).lookup("ag2");
				assertThat(userExporter.getFinishedSpanItems()).singleElement()
					.satisfies((span) -> assertThat(span.getName()).isEqualTo("execute_tool lookup"));
			});
	}

	@Test
	void withoutAnyOpenTelemetryBeanTheApplicationStartsAndTracingIsNoop(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class))
			.withUserConfiguration(ToolConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(OpenTelemetry.class);
				assertThat(context.getBean(Ag2Instrumentation.class).openTelemetry())
					.isSameAs(OpenTelemetry.noop());
				assertThat(context.getBean(Tools.class).lookup("ag2")).isEqualTo("found ag2");
			});
		assertThat(output).containsOnlyOnce("the application context has no OpenTelemetry bean");
	}

	@Test
	void whenDisabledRegistersNoAg2BeanAndProxiesNothing() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(Ag2Instrumentation.class)
				.doesNotHaveBean(Ag2TracingAdvisor.class)
				.doesNotHaveBean(AgentNames.class)
				.doesNotHaveBean("ag2ContextPropagatingTaskDecorator")
				.doesNotHaveBean(Ag2TracingProperties.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Tools.class))).isFalse();
			assertThat(context.getBean(Tools.class).lookup("ag2")).isEqualTo("found ag2");
		});
	}

	@Test
	void whenSpringBootsOpenTelemetryIsDisabledAnnotatedBeansKeepWorkingAndNothingIsExported() {
		this.runner.withPropertyValues("management.opentelemetry.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Ag2TracingAdvisor.class);
			Tools tools = context.getBean(Tools.class);
			assertThat(AopUtils.isAopProxy(tools)).isTrue();
			assertThat(tools.lookup("ag2")).isEqualTo("found ag2");
			context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void whenOtelSdkDisabledVariableIsSetAnnotatedBeansKeepWorkingAndNothingIsExported() throws Exception {
		// Boot reads OTEL_SDK_DISABLED from the process environment, so this runs in a child JVM.
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), OtelSdkDisabledApplication.class.getName());
		builder.environment().put("OTEL_SDK_DISABLED", "true");
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String out;
		try (InputStream in = process.getInputStream()) {
			out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		assertThat(out).contains("result=found ag2").contains("proxied=true").contains("exported=0");
	}

	@Test
	void contentCaptureIsOffUnlessAPropertyOrTheGenAiVariableTurnsItOn() {
		this.runner.run((context) -> assertThat(
				context.getBean(Ag2Instrumentation.class).contentCapture().isEnabled())
			.isFalse());
		this.runner.withPropertyValues("ag2.tracing.capture-content=true", "ag2.tracing.max-content-length=100")
			.run((context) -> {
				Ag2Instrumentation instrumentation = context.getBean(Ag2Instrumentation.class);
				assertThat(instrumentation.contentCapture().isEnabled()).isTrue();
				assertThat(instrumentation.contentCapture().maxLength()).isEqualTo(100);
			});
		this.runner.withPropertyValues("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true")
			.run((context) -> assertThat(context.getBean(Ag2Instrumentation.class).contentCapture().isEnabled())
				.isTrue());
	}

	@Test
	void nonPositiveMaxContentLengthFailsAtStartupWithAClearMessage() {
		this.runner.withPropertyValues("ag2.tracing.max-content-length=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ag2.tracing.max-content-length must be positive"));
	}

	@Test
	void userSuppliedInstrumentationBeansWin() {
		this.runner.withBean("customAdvisor", Ag2TracingAdvisor.class,
				() -> new Ag2TracingAdvisor(new TracedMethods(),
						() -> new Ag2TracingInterceptor(new TracedMethods(),
								new ai.ag2.tracing.internal.operation.Ag2Operations(
										OpenTelemetry.noop().getTracer("custom"),
										new ai.ag2.tracing.internal.content.ContentCapture(false, 10), List::of),
								List.of(), new ai.ag2.tracing.internal.async.AsyncEndStrategies(List.of()))))
			.run((context) -> assertThat(context).hasSingleBean(Ag2TracingAdvisor.class).hasBean("customAdvisor"));
	}

	@Test
	void taskDecoratorCarriesTheCurrentContextToOtherThreads() {
		this.runner.run((context) -> {
			TaskDecorator decorator = context.getBean("ag2ContextPropagatingTaskDecorator", TaskDecorator.class);
			io.opentelemetry.context.ContextKey<String> key = io.opentelemetry.context.ContextKey.named("test");
			List<String> seen = new ArrayList<>();
			Runnable decorated;
			try (var ignored = io.opentelemetry.context.Context.current().with(key, "caller").makeCurrent()) {
				decorated = decorator.decorate(() -> seen.add(io.opentelemetry.context.Context.current().get(key)));
			}
			Thread thread = new Thread(decorated);
			thread.start();
			thread.join();
			assertThat(seen).containsExactly("caller");
		});
	}

	@Test
	void registeredInAutoConfigurationImports() throws IOException {
		try (InputStream in = getClass().getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(in).isNotNull();
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
				.contains(Ag2TracingAutoConfiguration.class.getName());
		}
	}

	@Test
	void generatedConfigurationMetadataDescribesEveryProperty() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, JsonNode> properties = new java.util.HashMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
		Map<String, Object> expectedDefaults = Map.of("ag2.tracing.enabled", true, "ag2.tracing.capture-content",
				false, "ag2.tracing.max-content-length", 4096, "ag2.tracing.propagation.server.enabled", true,
				"ag2.tracing.propagation.client.enabled", true, "ag2.tracing.console.enabled", false,
				"ag2.tracing.console.max-pending-spans", 10000);
		expectedDefaults.forEach((name, value) -> {
			assertThat(properties).containsKey(name);
			assertThat(properties.get(name).get("description").asString()).as(name).isNotBlank();
			assertThat(properties.get(name).get("defaultValue").toString()).as(name).isEqualTo(value.toString());
		});
		assertThat(properties).containsKeys("ag2.tracing.propagation.server.url-patterns",
				"ag2.tracing.console.incomplete-trace-timeout");
		properties.forEach((name, property) -> assertThat(property.get("description").asString()).as(name)
			.isNotBlank()
			.doesNotStartWith("The ")
			.doesNotStartWith("A "));
	}

	@Configuration(proxyBeanMethods = false)
	static class ToolConfiguration {

		@Bean
		Tools tools() {
			return new Tools();
		}

	}

	static class Tools {

		@Tool
		public String lookup(String query) {
			return "found " + query;
		}

	}

}
