package ai.ag2.tracing.internal.recorder;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.Template;
import ai.ag2.tracing.internal.aop.TracedOperation;
import org.jspecify.annotations.Nullable;

/**
 * {@code speaker_selection}: the choice of the next speaker in a group chat, with the candidates
 * (from a {@code candidates}/{@code agents}/{@code speakers} parameter or the annotation's
 * template; see {@link CandidateNames}) and the agent selected: the result (or the {@code selected}
 * template), recorded only when it is one of the candidates or an {@code @Agent} bean, so that a
 * method returning the model's raw reply never puts that reply on the span.
 */
public final class SpeakerSelectionSpanRecorder extends SpanRecorder<SpeakerSelection> {

	private final AgentNames agentNames;

	public SpeakerSelectionSpanRecorder(AgentNames agentNames) {
		this.agentNames = agentNames;
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
	public void beforeStart(TracedOperation<SpeakerSelection> operation) {
		operation.setSpanName(Ag2Attributes.SPAN_SPEAKER_SELECTION);
		Object values = CandidateNames.values(operation, operation.template("candidates"), "candidates", "agents",
				"speakers");
		List<String> candidates = CandidateNames.of(values, this.agentNames);
		operation.setAttribute(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES, candidates);
		operation.setRecorderState(candidates);
	}

	@Override
	public void onSuccess(TracedOperation<SpeakerSelection> operation, @Nullable Object result) {
		Template template = operation.template("selected");
		Object selected = template.isEmpty() ? result : template.value(operation.methodCall(), result);
		if (selected == null) {
			return;
		}
		String agentName = this.agentNames.agentNameIfAgent(selected);
		String name = (agentName != null) ? agentName : this.agentNames.nameOf(selected);
		if (agentName != null || (name != null && operation.recorderState() instanceof List<?> candidates
				&& candidates.contains(name))) {
			operation.setAttribute(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED, name);
		}
	}

}
