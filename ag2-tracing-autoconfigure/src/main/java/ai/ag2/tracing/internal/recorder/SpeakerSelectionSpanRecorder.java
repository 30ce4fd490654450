package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.internal.AgentNames;
import org.jspecify.annotations.Nullable;

/**
 * {@code speaker_selection}: the choice of the next speaker in a group chat, with the candidates
 * and the agent selected.
 */
public final class SpeakerSelectionSpanRecorder extends SpanRecorder<SpeakerSelection> {

	private final AgentNames agentNames;

	private final AnnotationTemplates expressions;

	public SpeakerSelectionSpanRecorder(AgentNames agentNames, AnnotationTemplates expressions) {
		this.agentNames = agentNames;
		this.expressions = expressions;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.SPEAKER_SELECTION;
	}

	@Override
	public Class<SpeakerSelection> annotationType() {
		return SpeakerSelection.class;
	}

	@Override
	public void beforeStart(TracedOperation<SpeakerSelection> call) {
		SpeakerSelection selection = call.annotation();
		MethodCall invocation = call.methodCall();
		Object candidates = selection.candidates().isEmpty() ? invocation.multiValuedArgument("candidates", "agents", "speakers")
				: this.expressions.evaluate(selection.candidates(), invocation);
		call.setStringList(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES, CandidateNames.of(candidates, this.agentNames));
	}

	@Override
	public String spanName(TracedOperation<SpeakerSelection> call) {
		return Ag2Attributes.SPAN_SPEAKER_SELECTION;
	}

	@Override
	public void onSuccess(TracedOperation<SpeakerSelection> call, @Nullable Object result) {
		String expression = call.annotation().selected();
		Object selected = expression.isEmpty() ? result
				: this.expressions.evaluate(expression, call.methodCall(), result);
		call.setAttribute(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED, this.agentNames.nameOf(selected));
	}

}
