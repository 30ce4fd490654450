package ai.ag2.tracing.internal.openai;

import ai.ag2.tracing.LlmCallContext;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.LlmStreamAggregator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;

/**
 * The SDK's params, results and chunks as arguments and results of an ag2-traced method (an
 * {@code @LlmClient} that calls the SDK), read through their typed accessors rather than as
 * OpenAI-shaped objects: messages with their real roles and parts, system instructions apart.
 * Consulted before the built-in extractors.
 */
public final class OpenAiSdkExtractor implements LlmCallExtractor {

	private final boolean captureContent;

	public OpenAiSdkExtractor(boolean captureContent) {
		this.captureContent = captureContent;
	}

	@Override
	public boolean extractRequest(Object argument, LlmCallDetails details) {
		if (argument instanceof ChatCompletionCreateParams params) {
			ChatCompletionReader.request(params, details, this.captureContent);
			return true;
		}
		if (argument instanceof ResponseCreateParams params) {
			ResponsesReader.request(params, details, this.captureContent);
			return true;
		}
		return false;
	}

	@Override
	public boolean extractResponse(Object result, LlmCallDetails details) {
		if (result instanceof ChatCompletion completion) {
			ChatCompletionReader.response(completion, details, this.captureContent);
			return true;
		}
		if (result instanceof Response response) {
			ResponsesReader.response(response, details, this.captureContent);
			return true;
		}
		return false;
	}

	@Override
	public boolean extractChunk(Object chunk, LlmStreamAggregator stream, LlmCallContext call) {
		if (chunk instanceof ChatCompletionChunk completionChunk) {
			ChatCompletionReader.chunk(completionChunk, stream);
			return true;
		}
		if (chunk instanceof ResponseStreamEvent event) {
			ResponsesReader.event(event, stream);
			return true;
		}
		return false;
	}

}
