package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.llm.LlmExtractors;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

/**
 * {@code {operation} {model}}: one call to a model. Request details come from the arguments,
 * response details from the result (or from the chunks of a streamed result), both through the
 * extractor chain, then from the annotation's templates and from {@code Ag2Span} (which wins).
 * The pipeline writes them onto the span and adds the usage up in the enclosing conversation.
 */
public final class LlmSpanRecorder extends SpanRecorder<LlmClient> {

	private final LlmExtractors extractors;

	private final ContentCapture content;

	public LlmSpanRecorder(LlmExtractors extractors, ContentCapture content) {
		this.extractors = extractors;
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
	public void beforeStart(TracedOperation<LlmClient> operation) {
		LlmClient client = operation.annotation();
		LlmCallDetails details = new LlmCallDetails();
		if (!client.provider().isEmpty()) {
			details.setProviderName(client.provider());
		}
		operation.setLlmDetails(details);
		operation.setKind(SpanKind.CLIENT);
		operation.setOperationName(client.operation().isEmpty() ? Ag2SpanType.LLM.operationName() : client.operation());
		this.extractors.extractRequest(operation.methodCall().args(), details, operation);
		if (!client.model().isEmpty()) {
			details.setRequestModel(client.model());
		}
		if (!client.provider().isEmpty()) {
			details.setProviderName(client.provider());
		}
		if (operation.streaming()) {
			details.setStream(true);
		}
	}

	@Override
	public void onChunk(TracedOperation<LlmClient> operation, Object chunk) {
		this.extractors.extractChunk(chunk, operation.stream(this.content.isEnabled(), this.content.maxLength()), operation);
	}

	@Override
	public void onSuccess(TracedOperation<LlmClient> operation, @Nullable Object result) {
		LlmCallDetails details = operation.llmCall();
		if (details == null) {
			return;
		}
		LlmCallDetails extracted = new LlmCallDetails();
		this.extractors.extractResponse(result, extracted, operation);
		MethodCall call = operation.methodCall();
		Long inputTokens = ObjectProperties.wholeNumber(operation.template("inputTokens").value(call, result));
		if (inputTokens != null) {
			extracted.setInputTokens(inputTokens);
		}
		Long outputTokens = ObjectProperties.wholeNumber(operation.template("outputTokens").value(call, result));
		if (outputTokens != null) {
			extracted.setOutputTokens(outputTokens);
		}
		Double cost = ObjectProperties.decimalNumber(operation.template("cost").value(call, result));
		if (cost != null) {
			extracted.setCost(cost);
		}
		synchronized (details) {
			details.fillMissingFrom(extracted);
		}
	}

	@Override
	public void onEnd(TracedOperation<LlmClient> operation) {
		LlmStreamAggregator stream = operation.streamIfAny();
		LlmCallDetails details = operation.llmCall();
		// after the result and templates, which win; a failed or cancelled stream keeps what its chunks brought
		if (stream != null && details != null) {
			synchronized (details) {
				details.fillMissingFrom(stream.toDetails());
			}
		}
	}

}
