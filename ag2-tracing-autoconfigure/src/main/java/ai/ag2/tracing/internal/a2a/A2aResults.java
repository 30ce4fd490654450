package ai.ag2.tracing.internal.a2a;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.operation.Operation;
import io.a2a.client.MessageEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.spec.Message;
import io.a2a.spec.Task;
import io.a2a.spec.TaskArtifactUpdateEvent;
import io.a2a.spec.TaskState;
import io.a2a.spec.TaskStatus;
import io.a2a.spec.TaskStatusUpdateEvent;
import org.jspecify.annotations.Nullable;

/**
 * What an A2A reply says about the call that got it, for the remote agent's span: the SDK's
 * {@link Task}, {@link Message}, {@link TaskStatusUpdateEvent} and {@link TaskArtifactUpdateEvent}
 * (what {@code message/send} and {@code message/stream} return), and the client's
 * {@code ClientEvent}s that carry them. The context id is the span's
 * {@code gen_ai.conversation.id}; a task gives {@code a2a.task.id} and {@code a2a.task.state}; a
 * later reply overwrites an earlier one. The reply's text parts are the span's
 * {@code gen_ai.output.messages}, with content capture on only: an {@code assistant} message,
 * finish reason {@code stop} for a completed task or a message, {@code error} for a failed task. Only getters of the SDK's own
 * types are called.
 */
final class A2aResults {

	private static final String FINISH_STOP = "stop";

	private static final String FINISH_ERROR = "error";

	private A2aResults() {
	}

	/**
	 * Record {@code result} on {@code operation} if it is an A2A reply.
	 * @return whether it was one
	 */
	static boolean record(Operation operation, @Nullable Object result, ContentCapture content) {
		if (result instanceof TaskUpdateEvent update) {
			// the task as the client's task manager has put it together from the stream so far
			return (update.getTask() != null) ? record(operation, update.getTask(), content)
					: record(operation, update.getUpdateEvent(), content);
		}
		if (result instanceof TaskEvent event) {
			return record(operation, event.getTask(), content);
		}
		if (result instanceof MessageEvent event) {
			return record(operation, event.getMessage(), content);
		}
		if (result instanceof Task task) {
			ids(operation, task.getContextId(), task.getId());
			state(operation, task.getStatus());
			TaskStatus status = task.getStatus();
			output(operation, content, () -> finished(A2aMessages.answer(task.getArtifacts(),
					(status != null) ? status.message() : null), status));
			return true;
		}
		if (result instanceof Message message) {
			ids(operation, message.getContextId(), message.getTaskId());
			if (message.getRole() == Message.Role.AGENT) {
				output(operation, content, () -> {
					GenAiMessage reply = A2aMessages.of(message);
					// a message is the whole reply: the agent is done with it
					return (reply != null) ? reply.withFinishReason(FINISH_STOP) : null;
				});
			}
			return true;
		}
		if (result instanceof TaskStatusUpdateEvent event) {
			ids(operation, event.getContextId(), event.getTaskId());
			state(operation, event.getStatus());
			TaskStatus status = event.getStatus();
			output(operation, content,
					() -> finished(A2aMessages.answer(null, (status != null) ? status.message() : null), status));
			return true;
		}
		if (result instanceof TaskArtifactUpdateEvent event) {
			ids(operation, event.getContextId(), event.getTaskId());
			output(operation, content,
					() -> A2aMessages.answer((event.getArtifact() != null) ? List.of(event.getArtifact()) : null, null));
			return true;
		}
		return false;
	}

	// The GenAI finish reason of a task that has ended: completed is stop, failed is error.
	private static @Nullable GenAiMessage finished(@Nullable GenAiMessage answer, @Nullable TaskStatus status) {
		if (answer == null || status == null || status.state() == null) {
			return answer;
		}
		return switch (status.state()) {
			case COMPLETED -> answer.withFinishReason(FINISH_STOP);
			case FAILED -> answer.withFinishReason(FINISH_ERROR);
			default -> answer;
		};
	}

	private static void ids(Operation operation, @Nullable String contextId, @Nullable String taskId) {
		operation.setIfPresent(Ag2Attributes.GEN_AI_CONVERSATION_ID, contextId);
		operation.setIfPresent(Ag2Attributes.A2A_TASK_ID, taskId);
	}

	private static void state(Operation operation, @Nullable TaskStatus status) {
		TaskState state = (status != null) ? status.state() : null;
		if (state != null) {
			operation.setAttribute(Ag2Attributes.A2A_TASK_STATE, state.asString());
		}
	}

	private static void output(Operation operation, ContentCapture content, Answer answer) {
		if (!content.isEnabled()) {
			return;
		}
		GenAiMessage message = answer.get();
		if (message != null) {
			operation.setAttribute(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, content.json(List.of(message)));
		}
	}

	/** Built only with content capture on. */
	private interface Answer {

		@Nullable GenAiMessage get();

	}

}
