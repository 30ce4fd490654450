package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.internal.AgentNames;
import org.jspecify.annotations.Nullable;

/**
 * {@code speaker_selection}: the choice of the next speaker in a group chat, with the candidates
 * and the agent selected.
 */
final class SpeakerSelectionSpanRecorder extends SpanRecorder<SpeakerSelection> {

	private final AgentNames agentNames;

	private final AnnotationExpressions expressions;

	SpeakerSelectionSpanRecorder(AgentNames agentNames, AnnotationExpressions expressions) {
		this.agentNames = agentNames;
		this.expressions = expressions;
	}

	@Override
	Ag2SpanType type() {
		return Ag2SpanType.SPEAKER_SELECTION;
	}

	@Override
	Class<SpeakerSelection> annotationType() {
		return SpeakerSelection.class;
	}

	@Override
	void beforeStart(TracedCall<SpeakerSelection> call) {
		SpeakerSelection selection = call.annotation();
		Invocation invocation = call.invocation();
		Object candidates = selection.candidates().isEmpty() ? invocation.multiValuedArgument("candidates", "agents", "speakers")
				: this.expressions.evaluate(selection.candidates(), invocation);
		call.setStringList(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES, Names.of(candidates, this.agentNames));
	}

	@Override
	String spanName(TracedCall<SpeakerSelection> call) {
		return Ag2Attributes.SPAN_SPEAKER_SELECTION;
	}

	@Override
	void onSuccess(TracedCall<SpeakerSelection> call, @Nullable Object result) {
		String expression = call.annotation().selected();
		Object selected = expression.isEmpty() ? result
				: this.expressions.evaluate(expression, call.invocation(), result);
		call.setAttribute(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED, this.agentNames.nameOf(selected));
	}

}
