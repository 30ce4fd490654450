package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.content.ContentCapture;
import org.jspecify.annotations.Nullable;

/**
 * {@code await_human_input {agent}}: a wait for a human, with the prompt (the first String
 * argument) and the response (the result) as content.
 */
final class HumanInputSpanRecorder extends SpanRecorder<HumanInput> {

	private final AgentNames agentNames;

	private final ContentCapture content;

	HumanInputSpanRecorder(AgentNames agentNames, ContentCapture content) {
		this.agentNames = agentNames;
		this.content = content;
	}

	@Override
	Ag2SpanType type() {
		return Ag2SpanType.HUMAN_INPUT;
	}

	@Override
	Class<HumanInput> annotationType() {
		return HumanInput.class;
	}

	@Override
	void beforeStart(TracedCall<HumanInput> call) {
		call.setAgentName(AgentOfCall.name(call.annotation().agent(), call, this.agentNames));
		call.setAttribute(Ag2Attributes.AG2_HUMAN_INPUT_PROMPT,
				this.content.text(call.invocation().firstArgument(CharSequence.class)));
	}

	@Override
	String spanName(TracedCall<HumanInput> call) {
		return spanName(Ag2Attributes.SPAN_AWAIT_HUMAN_INPUT, call.agentName());
	}

	@Override
	void onSuccess(TracedCall<HumanInput> call, @Nullable Object result) {
		call.setAttribute(Ag2Attributes.AG2_HUMAN_INPUT_RESPONSE, this.content.text(result));
	}

}
