package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.autoconfigure.Ag2A2aAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.ScriptedLlm;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.WeatherAgentExecutor;
import ai.ag2.tracing.test.SpanTree;
import io.a2a.A2A;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCard;
import io.a2a.spec.InternalError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an {@code AgentExecutor} bean's spans are, called as the SDK calls it (on a thread of its
 * own, here outside any request): the agent card's name, the context and task ids, one turn, the
 * executor's failure, and an {@code @Agent} of ag2's on the executor.
 */
class AgentExecutorTracingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class, Ag2A2aAutoConfiguration.class))
		.withPropertyValues("management.tracing.export.otlp.enabled=false",
				"management.tracing.sampling.probability=1.0", "spring.application.name=a2a-weather")
		.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create)
		.withBean(ScriptedLlm.class);

	@Test
	void anExecutionIsAConversationOfTheAgentCardWithOneTurn() {
		this.runner.withBean(WeatherAgentExecutor.class).withBean(AgentCard.class, () -> new WeatherAgentServer().agentCard()).run((context) -> {
			RequestContext request = request("What is the weather in Lima?");

			context.getBean(WeatherAgentExecutor.class).execute(request, queue(request));

			List<SpanData> spans = spans(context, 3);
			assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
					conversation weather_agent [INTERNAL] a2a-weather
					  invoke_agent weather_agent [INTERNAL] a2a-weather
					    chat gpt-4o-mini [CLIENT] a2a-weather
					""");
			SpanData conversation = SpanTree.of(spans).span("conversation weather_agent");
			assertThat(conversation.getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, request.getContextId())
				.containsEntry(Ag2Attributes.A2A_TASK_ID, request.getTaskId())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L);
			assertThat(conversation.getInstrumentationScopeInfo().getName())
				.isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		});
	}

	@Test
	void withoutAnAgentCardBeanTheAgentIsNamedAfterTheExecutorsClass() {
		this.runner.withBean(WeatherAgentExecutor.class).run((context) -> {
			RequestContext request = request("What is the weather in Lima?");

			context.getBean(WeatherAgentExecutor.class).execute(request, queue(request));

			assertThat(SpanTree.of(spans(context, 3)).renderWithServices()).startsWith("""
					conversation weatherAgentExecutor [INTERNAL] a2a-weather
					  invoke_agent weatherAgentExecutor [INTERNAL] a2a-weather
					""");
		});
	}

	@Test
	void anExecutorThatFailsMarksItsTurnAndConversationAndTheFailureReachesTheSdkUnchanged() {
		this.runner.withBean(FailingExecutor.class).withBean(AgentCard.class, () -> new WeatherAgentServer().agentCard()).run((context) -> {
			RequestContext request = request("What is the weather in Lima?");
			FailingExecutor executor = context.getBean(FailingExecutor.class);

			assertThatExceptionOfType(InternalError.class).isThrownBy(() -> executor.execute(request, queue(request)))
				.isSameAs(FailingExecutor.FAILURE);

			List<SpanData> spans = spans(context, 2);
			for (String name : List.of("conversation weather_agent", "invoke_agent weather_agent")) {
				SpanData span = SpanTree.of(spans).span(name);
				assertThat(span.getStatus().getStatusCode()).as(name).isEqualTo(StatusCode.ERROR);
				assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).as(name)
					.isEqualTo(InternalError.class.getName());
			}
		});
	}

	@Test
	void anExecutorThatIsAnAg2AgentHasOneTurnInsideTheConversation() {
		this.runner.withBean(PlannerExecutor.class).withBean(AgentCard.class, () -> new WeatherAgentServer().agentCard()).run((context) -> {
			RequestContext request = request("Plan a trip to Lima");

			context.getBean(PlannerExecutor.class).execute(request, queue(request));

			assertThat(SpanTree.of(spans(context, 3)).renderWithServices()).isEqualTo("""
					conversation weather_agent [INTERNAL] a2a-weather
					  invoke_agent planner [INTERNAL] a2a-weather
					    chat gpt-4o-mini [CLIENT] a2a-weather
					""");
		});
	}

	private static RequestContext request(String text) {
		Message message = A2A.toUserMessage(text);
		return new RequestContext(new MessageSendParams.Builder().message(message).build(), null, null, null, null,
				null);
	}

	private static EventQueue queue(RequestContext request) {
		return new InMemoryQueueManager(new InMemoryTaskStore()).createOrTap(request.getTaskId());
	}

	private static List<SpanData> spans(AssertableApplicationContext context, int count) throws InterruptedException {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
			if (exporter.getFinishedSpanItems().size() >= count) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(10);
		}
		return exporter.getFinishedSpanItems();
	}

	public static class FailingExecutor implements AgentExecutor {

		static final JSONRPCError FAILURE = new InternalError("the model is down");

		@Override
		public void execute(RequestContext context, EventQueue eventQueue) {
			throw FAILURE;
		}

		@Override
		public void cancel(RequestContext context, EventQueue eventQueue) {
		}

	}

	/** An executor whose turn ag2's own {@code @Agent} traces. */
	public static class PlannerExecutor implements AgentExecutor {

		private final ScriptedLlm llm;

		public PlannerExecutor(ScriptedLlm llm) {
			this.llm = llm;
		}

		@Override
		@Agent(name = "planner")
		public void execute(RequestContext context, EventQueue eventQueue) {
			this.llm.chat(context.getUserInput(" "));
		}

		@Override
		public void cancel(RequestContext context, EventQueue eventQueue) {
		}

	}

}
