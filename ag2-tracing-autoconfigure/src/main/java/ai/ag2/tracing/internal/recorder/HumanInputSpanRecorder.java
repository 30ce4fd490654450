package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.content.ContentCapture;
import org.jspecify.annotations.Nullable;

/**
 * {@code await_human_input {agent}}: a wait for a human, with the prompt (the first String
 * argument) and the response (the result) as content.
 */
public final class HumanInputSpanRecorder extends SpanRecorder<HumanInput> {

	private final AgentNames agentNames;

	private final ContentCapture content;

	public HumanInputSpanRecorder(AgentNames agentNames, ContentCapture content) {
		this.agentNames = agentNames;
		this.content = content;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.HUMAN_INPUT;
	}

	@Override
	public Class<HumanInput> annotationType() {
		return HumanInput.class;
	}

	@Override
	public void beforeStart(TracedOperation<HumanInput> operation) {
		operation.setAgentName(owningAgent(operation.annotation().agent(), operation, this.agentNames));
		operation.setSpanName(spanName(Ag2Attributes.SPAN_AWAIT_HUMAN_INPUT, operation.agentName()));
		if (this.content.isEnabled()) {
			operation.setAttribute(Ag2Attributes.AG2_HUMAN_INPUT_PROMPT,
					this.content.text(operation.methodCall().firstArgument(CharSequence.class)));
		}
	}

	@Override
	public void onSuccess(TracedOperation<HumanInput> operation, @Nullable Object result) {
		if (this.content.isEnabled()) {
			operation.setAttribute(Ag2Attributes.AG2_HUMAN_INPUT_RESPONSE, this.content.text(result));
		}
	}

}
