package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import ai.ag2.tracing.internal.ProviderNames;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.llm.LlmExtractors;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

/**
 * {@code {operation} {model}}: one call to a model. Request details come from the arguments,
 * response details from the result, both through the extractor chain, then from the annotation's
 * expressions and from {@code Ag2Span} (which wins). Usage adds up in the enclosing conversation.
 */
public final class LlmSpanRecorder extends SpanRecorder<LlmClient> {

	private final LlmExtractors extractors;

	private final AnnotationTemplates expressions;

	private final ContentCapture content;

	public LlmSpanRecorder(LlmExtractors extractors, AnnotationTemplates expressions, ContentCapture content) {
		this.extractors = extractors;
		this.expressions = expressions;
		this.content = content;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.LLM;
	}

	@Override
	public Class<LlmClient> annotationType() {
		return LlmClient.class;
	}

	@Override
	public void beforeStart(TracedOperation<LlmClient> call) {
		LlmClient client = call.annotation();
		LlmCallDetails details = new LlmCallDetails();
		this.extractors.extractRequest(call.methodCall().args(), details);
		if (!client.model().isEmpty()) {
			details.setRequestModel(client.model());
		}
		call.setLlmDetails(details);
		call.setOperationName(client.operation().isEmpty() ? Ag2SpanType.LLM.operationName() : client.operation());
		call.setIfPresent(Ag2Attributes.GEN_AI_PROVIDER_NAME, ProviderNames.normalize(client.provider()));
		call.setIfPresent(Ag2Attributes.GEN_AI_REQUEST_MODEL, details.getRequestModel());
	}

	@Override
	public String spanName(TracedOperation<LlmClient> call) {
		LlmCallDetails details = call.llmDetails();
		return spanName(call.operationName(), (details != null) ? details.getRequestModel() : null);
	}

	@Override
	public SpanKind spanKind(TracedOperation<LlmClient> call) {
		return SpanKind.CLIENT;
	}

	@Override
	public void onSuccess(TracedOperation<LlmClient> call, @Nullable Object result) {
		LlmCallDetails details = details(call);
		LlmCallDetails extracted = new LlmCallDetails();
		this.extractors.extractResponse(result, extracted);
		LlmClient client = call.annotation();
		MethodCall invocation = call.methodCall();
		extracted.setInputTokens(first(
				ObjectProperties.wholeNumber(this.expressions.evaluate(client.inputTokens(), invocation, result)),
				extracted.getInputTokens()));
		extracted.setOutputTokens(first(
				ObjectProperties.wholeNumber(this.expressions.evaluate(client.outputTokens(), invocation, result)),
				extracted.getOutputTokens()));
		Double cost = ObjectProperties.decimalNumber(this.expressions.evaluate(client.cost(), invocation, result));
		if (cost != null) {
			extracted.setCost(cost);
		}
		synchronized (details) {
			details.fillMissingFrom(extracted);
		}
	}

	@Override
	public void onEnd(TracedOperation<LlmClient> call) {
		LlmCallDetails details = details(call);
		synchronized (details) {
			// usage first: a detail that cannot be written must not cost the conversation its totals
			ConversationState conversation = call.conversation();
			if (conversation != null) {
				conversation.addUsage(details);
			}
			write(call, details);
		}
	}

	private void write(TracedOperation<LlmClient> call, LlmCallDetails details) {
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_TEMPERATURE, details.getTemperature());
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_MAX_TOKENS, details.getMaxTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_TOP_P, details.getTopP());
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_FREQUENCY_PENALTY, details.getFrequencyPenalty());
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_PRESENCE_PENALTY, details.getPresencePenalty());
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_STOP_SEQUENCES, details.getStopSequences());
		call.setAttribute(Ag2Attributes.GEN_AI_REQUEST_SEED, details.getSeed());
		call.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_MODEL, details.getResponseModel());
		call.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_ID, details.getResponseId());
		call.setAttribute(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, details.getFinishReasons());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, details.getInputTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, details.getOutputTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, details.getCacheReadInputTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, details.getReasoningOutputTokens());
		call.setAttribute(Ag2Attributes.GEN_AI_USAGE_COST, details.getCost());
		call.setAttribute(Ag2Attributes.GEN_AI_INPUT_MESSAGES, this.content.json(details.getInputMessages()));
		call.setAttribute(Ag2Attributes.GEN_AI_OUTPUT_MESSAGES, this.content.json(details.getOutputMessages()));
	}


	private static LlmCallDetails details(TracedOperation<LlmClient> call) {
		LlmCallDetails details = call.llmDetails();
		if (details == null) {
			throw new IllegalStateException("LLM span without details");
		}
		return details;
	}


	private static @Nullable Long first(@Nullable Long preferred, @Nullable Long fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
