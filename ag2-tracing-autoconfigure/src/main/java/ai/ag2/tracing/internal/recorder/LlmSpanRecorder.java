package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.aop.Template;
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
		ClientDefinition client = operation.methodState(this, ClientDefinition::of);
		LlmCallDetails details = new LlmCallDetails();
		if (client.provider() != null) {
			details.setProviderName(client.provider());
		}
		operation.setLlmDetails(details);
		operation.setKind(SpanKind.CLIENT);
		operation.setOperationName(client.operation());
		this.extractors.extractRequest(operation.args(), details, operation);
		// the annotation's values win over what the extractors read
		if (client.model() != null) {
			details.setRequestModel(client.model());
		}
		if (client.provider() != null) {
			details.setProviderName(client.provider());
		}
		if (operation.streaming()) {
			details.setStream(true);
		}
		// {operation} {model}: the same model call after call, so the name is made once
		operation.setSpanName(client.spanNames().of(details.getRequestModel()));
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
		ClientDefinition client = operation.methodState(this, ClientDefinition::of);
		LlmCallDetails extracted = new LlmCallDetails();
		this.extractors.extractResponse(result, extracted, operation);
		if (!client.inputTokens().isEmpty()) {
			Long inputTokens = ObjectProperties.wholeNumber(client.inputTokens().value(operation.methodCall(), result));
			if (inputTokens != null) {
				extracted.setInputTokens(inputTokens);
			}
		}
		if (!client.outputTokens().isEmpty()) {
			Long outputTokens = ObjectProperties.wholeNumber(client.outputTokens().value(operation.methodCall(), result));
			if (outputTokens != null) {
				extracted.setOutputTokens(outputTokens);
			}
		}
		if (!client.cost().isEmpty()) {
			Double cost = ObjectProperties.decimalNumber(client.cost().value(operation.methodCall(), result));
			if (cost != null) {
				extracted.setCost(cost);
			}
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

	/** What an LLM client method's span takes from its annotation, worked out once per method. */
	private record ClientDefinition(@Nullable String provider, String operation, @Nullable String model,
			Template inputTokens, Template outputTokens, Template cost, SpanNameCache spanNames) {

		static ClientDefinition of(TracedOperation<LlmClient> operation) {
			LlmClient client = operation.annotation();
			String operationName = client.operation().isEmpty() ? String.valueOf(Ag2SpanType.LLM.operationName())
					: client.operation();
			return new ClientDefinition(client.provider().isEmpty() ? null : client.provider(), operationName,
					client.model().isEmpty() ? null : client.model(), operation.template("inputTokens"),
					operation.template("outputTokens"), operation.template("cost"), new SpanNameCache(operationName));
		}

	}

}
