package ai.ag2.tracing.autoconfigure;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.springai.SpringAiFrameworkObservationHandler;
import ai.ag2.tracing.internal.springai.SpringAiObservationHandler;
import ai.ag2.tracing.internal.springai.StreamHeaderRemover;
import ai.ag2.tracing.internal.springai.StreamedRequestTracingHandler;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationDocumentation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Ag2SpringAiAutoConfiguration}: when the Spring AI integration is active, and
 * what it makes of a Spring AI tool observation (the integration's tests with Spring AI's real
 * client are in {@code ag2-tracing-spring-ai-tests}).
 */
class Ag2SpringAiAutoConfigurationTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, Ag2SpringAiAutoConfiguration.class));

	@Test
	void springAiObservationsAreAdoptedWithSpringAiAndMicrometersOpenTelemetryBridgePresent() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SpringAiObservationHandler.class)
			.hasSingleBean(SpringAiFrameworkObservationHandler.class)
			.hasSingleBean(StreamedRequestTracingHandler.class)
			.hasSingleBean(StreamHeaderRemover.class)
			.hasSingleBean(ChatClientCustomizer.class));
	}

	@Test
	void integrationPropertyFalseLeavesSpringAiToMicrometer() {
		this.runner.withPropertyValues("ag2.tracing.integrations.spring-ai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiObservationHandler.class)
				.doesNotHaveBean(SpringAiFrameworkObservationHandler.class)
				.doesNotHaveBean(ChatClientCustomizer.class));
	}

	@Test
	void ag2TracingDisabledLeavesSpringAiToMicrometer() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpringAiObservationHandler.class)
				.doesNotHaveBean(SpringAiFrameworkObservationHandler.class));
	}

	@Test
	void withoutSpringAiNothingIsRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(ChatModelObservationContext.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpringAiObservationHandler.class)
				.doesNotHaveBean(SpringAiFrameworkObservationHandler.class));
	}

	@Test
	void withoutMicrometersOpenTelemetryBridgeOnlyTheFrameworkSpansAreEnriched() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(Ag2TracingAutoConfiguration.class,
					ObservationAutoConfiguration.class, Ag2SpringAiAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(OtelTracer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpringAiObservationHandler.class)
				.hasSingleBean(SpringAiFrameworkObservationHandler.class));
	}

	@Test
	void toolObservationIsOneAg2ToolSpanWithTheConventionsAttributes() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			String result = toolCall(registry, "call_42").observe(() -> "sunny");

			assertThat(result).isEqualTo("sunny");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 1);
			SpanData tool = tree.span("execute_tool get_weather");
			assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(tool.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "tool")
				.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_TYPE, "function")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "Current weather of a city")
				.containsEntry(Ag2Attributes.GEN_AI_TOOL_CALL_ID, "call_42");
			assertThat(TracingContextRunners.finishedSpans(context)).hasSize(1);
		});
	}

	@Test
	void failingToolObservationRecordsTheFailureOnceAndEndsItsSpan() {
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			IllegalStateException failure = new IllegalStateException("no weather today");

			assertThatIllegalStateException().isThrownBy(() -> toolCall(registry, "call_43").observe(() -> {
				throw failure;
			})).isSameAs(failure);
			SpanData tool = TracingContextRunners.awaitSpans(context, 1).span("execute_tool get_weather");
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(tool.getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(IllegalStateException.class.getName());
			List<String> events = tool.getEvents().stream().map((event) -> event.getName()).toList();
			assertThat(events).containsExactly("exception");
		});
	}

	private static Observation toolCall(ObservationRegistry registry, String callId) {
		ToolCallingObservationContext context = ToolCallingObservationContext.builder()
			.toolDefinition(ToolDefinition.builder()
				.name("get_weather")
				.description("Current weather of a city")
				.inputSchema("{}")
				.build())
			.toolCallId(callId)
			.toolCallArguments("{\"city\":\"Paris\"}")
			.build();
		return ToolCallingObservationDocumentation.TOOL_CALL.observation(null,
				new org.springframework.ai.tool.observation.DefaultToolCallingObservationConvention(), () -> context,
				registry);
	}

}
