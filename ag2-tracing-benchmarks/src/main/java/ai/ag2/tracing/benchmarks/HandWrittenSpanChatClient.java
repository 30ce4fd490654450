package ai.ag2.tracing.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * {@link Ag2ChatClient}'s call wrapped by hand in the span an expert would write for an
 * OpenAI-shaped chat completion: the request's model and parameters, the response's id, model,
 * finish reasons and usage read from the maps by their known keys, the same name, kind and
 * attributes as ag2's span (checked when the benchmark starts, see {@link SpanShapes}).
 */
public class HandWrittenSpanChatClient {

	private static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("ag2.span.type");

	private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	private static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

	private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	private static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");

	private static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");

	private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	private static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	private static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey
		.longKey("gen_ai.usage.cache_read.input_tokens");

	private static final AttributeKey<Long> REASONING_TOKENS = AttributeKey
		.longKey("gen_ai.usage.reasoning.output_tokens");

	private final Tracer tracer;

	public HandWrittenSpanChatClient(Tracer tracer) {
		this.tracer = tracer;
	}

	public Map<String, Object> complete(Map<String, Object> request) {
		String model = (String) request.get("model");
		Span span = this.tracer.spanBuilder("chat " + model)
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(SPAN_TYPE, "llm")
			.setAttribute(OPERATION_NAME, "chat")
			.setAttribute(PROVIDER_NAME, "openai")
			.setAttribute(REQUEST_MODEL, model)
			.startSpan();
		try (Scope ignored = span.makeCurrent()) {
			if (request.get("temperature") instanceof Number temperature) {
				span.setAttribute(TEMPERATURE, temperature.doubleValue());
			}
			if (request.get("max_tokens") instanceof Number maxTokens) {
				span.setAttribute(MAX_TOKENS, maxTokens.longValue());
			}
			Map<String, Object> response = (request.get("model") != null) ? OpenAiShapes.RESPONSE : Map.of();
			recordResponse(span, response);
			return response;
		}
		catch (RuntimeException ex) {
			span.setStatus(StatusCode.ERROR, ex.getMessage());
			span.recordException(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private static void recordResponse(Span span, Map<String, Object> response) {
		if (response.get("model") instanceof String model) {
			span.setAttribute(RESPONSE_MODEL, model);
		}
		if (response.get("id") instanceof String id) {
			span.setAttribute(RESPONSE_ID, id);
		}
		if (response.get("choices") instanceof List<?> choices) {
			List<String> finishReasons = new ArrayList<>(choices.size());
			for (Object choice : choices) {
				if (choice instanceof Map<?, ?> map && map.get("finish_reason") instanceof String reason) {
					finishReasons.add(reason);
				}
			}
			span.setAttribute(FINISH_REASONS, finishReasons);
		}
		if (response.get("usage") instanceof Map<?, ?> usage) {
			if (usage.get("prompt_tokens") instanceof Number input) {
				span.setAttribute(INPUT_TOKENS, input.longValue());
			}
			if (usage.get("completion_tokens") instanceof Number output) {
				span.setAttribute(OUTPUT_TOKENS, output.longValue());
			}
			if (usage.get("prompt_tokens_details") instanceof Map<?, ?> details
					&& details.get("cached_tokens") instanceof Number cached) {
				span.setAttribute(CACHE_READ_TOKENS, cached.longValue());
			}
			if (usage.get("completion_tokens_details") instanceof Map<?, ?> details
					&& details.get("reasoning_tokens") instanceof Number reasoning) {
				span.setAttribute(REASONING_TOKENS, reasoning.longValue());
			}
		}
	}

}
