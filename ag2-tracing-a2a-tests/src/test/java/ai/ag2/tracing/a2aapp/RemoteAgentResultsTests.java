package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.autoconfigure.Ag2A2aAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import io.a2a.A2A;
import io.a2a.client.MessageEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.spec.Artifact;
import io.a2a.spec.Message;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.a2a.spec.TextPart;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a remote agent's span reads from the A2A replies its method returns, whichever SDK type
 * carries them; only remote agents' results are read; an {@code @Agent} recorder of the
 * application's still does its part.
 */
class RemoteAgentResultsTests {

	private static final Task COMPLETED = new Task.Builder().id("task-1")
		.contextId("context-1")
		.status(new TaskStatus(TaskState.COMPLETED))
		.artifacts(List.of(new Artifact.Builder().artifactId("a-1").parts(List.of(new TextPart("Sunny."))).build()))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class, Ag2A2aAutoConfiguration.class))
		.withPropertyValues("management.tracing.export.otlp.enabled=false",
				"management.tracing.sampling.probability=1.0")
		.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create)
		.withBean(Replies.class)
		.withBean(LocalAgent.class);

	@Test
	void aTaskGivesTheContextIdTaskIdAndState() {
		this.runner.run((context) -> {
			context.getBean(Replies.class).task();

			assertThat(span(context).getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, "context-1")
				.containsEntry(Ag2Attributes.A2A_TASK_ID, "task-1")
				.containsEntry(Ag2Attributes.A2A_TASK_STATE, "completed")
				.doesNotContainKey(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES);
		});
	}

	@Test
	void theClientsTaskUpdateEventGivesTheTaskAsItStands() {
		this.runner.run((context) -> {
			context.getBean(Replies.class).update();

			assertThat(span(context).getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, "context-1")
				.containsEntry(Ag2Attributes.A2A_TASK_ID, "task-1")
				.containsEntry(Ag2Attributes.A2A_TASK_STATE, "completed");
		});
	}

	@Test
	void aMessageGivesItsContextId() {
		this.runner.run((context) -> {
			context.getBean(Replies.class).message();

			assertThat(span(context).getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID,
					"context-2")
				.doesNotContainKey(Ag2Attributes.A2A_TASK_STATE);
		});
	}

	@Test
	void aFutureCompletedWithAStatusUpdateGivesItsStateWhenItCompletes() {
		this.runner.run((context) -> {
			CompletableFuture<TaskStatusUpdateEvent> reply = context.getBean(Replies.class).later();
			reply.complete(new TaskStatusUpdateEvent.Builder().taskId("task-3")
				.contextId("context-3")
				.status(new TaskStatus(TaskState.INPUT_REQUIRED))
				.isFinal(true)
				.build());

			assertThat(span(context).getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, "context-3")
				.containsEntry(Ag2Attributes.A2A_TASK_ID, "task-3")
				.containsEntry(Ag2Attributes.A2A_TASK_STATE, "input-required");
		});
	}

	@Test
	void withContentCaptureTheReplysTextIsTheOutputMessage() {
		this.runner.withPropertyValues("ag2.tracing.capture-content=true").run((context) -> {
			context.getBean(Replies.class).task();

			assertThat(span(context).getAttributes().get(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES)).isEqualTo(
					"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Sunny.\"}],\"finish_reason\":\"stop\"}]");
		});
	}

	@Test
	void aLocalAgentsResultIsNotReadAsAnA2aReply() {
		this.runner.run((context) -> {
			context.getBean(LocalAgent.class).task();

			assertThat(span(context).getAttributes().asMap()).doesNotContainKeys(Ag2Attributes.A2A_TASK_ID,
					Ag2Attributes.A2A_TASK_STATE);
		});
	}

	@Test
	void theApplicationsAgentRecorderStillNamesTheSpan() {
		this.runner.withBean(CustomAgentRecorder.class).run((context) -> {
			context.getBean(Replies.class).task();

			SpanData span = span(context);
			assertThat(span.getName()).isEqualTo("custom invoke_agent");
			assertThat(span.getAttributes().get(Ag2Attributes.A2A_TASK_STATE)).isEqualTo("completed");
		});
	}

	private static SpanData span(AssertableApplicationContext context) throws InterruptedException {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		for (int i = 0; i < 500 && exporter.getFinishedSpanItems().isEmpty(); i++) {
			context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
			TimeUnit.MILLISECONDS.sleep(10);
		}
		assertThat(exporter.getFinishedSpanItems()).hasSize(1);
		return exporter.getFinishedSpanItems().get(0);
	}

	/** A remote agent whose methods return the SDK's replies as they are. */
	@Agent(name = "weather_agent", remote = true)
	public static class Replies {

		public Task task() {
			return COMPLETED;
		}

		public TaskUpdateEvent update() {
			return new TaskUpdateEvent(COMPLETED, new TaskStatusUpdateEvent.Builder().taskId("task-1")
				.contextId("context-1")
				.status(new TaskStatus(TaskState.COMPLETED))
				.isFinal(true)
				.build());
		}

		public MessageEvent message() {
			Message message = A2A.createAgentTextMessage("Sunny.", "context-2", null);
			return new MessageEvent(message);
		}

		public CompletableFuture<TaskStatusUpdateEvent> later() {
			return new CompletableFuture<>();
		}

	}

	/** A local agent that happens to return a task. */
	@Agent(name = "local")
	public static class LocalAgent {

		public Task task() {
			return COMPLETED;
		}

	}

	/** An {@code @Agent} recorder of the application's, ordered first as the built-in one expects. */
	@Order(0)
	public static class CustomAgentRecorder extends SpanRecorder<Agent> {

		@Override
		public Ag2SpanType type() {
			return Ag2SpanType.AGENT;
		}

		@Override
		public Class<Agent> annotationType() {
			return Agent.class;
		}

		@Override
		public void beforeStart(TracedOperation<Agent> operation) {
			operation.setAgentName(operation.annotation().name());
			operation.setRemote(operation.annotation().remote());
			operation.setSpanName("custom invoke_agent");
		}

	}

}
