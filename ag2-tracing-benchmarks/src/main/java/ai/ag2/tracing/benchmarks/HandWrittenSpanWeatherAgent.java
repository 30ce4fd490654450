package ai.ag2.tracing.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * {@link Ag2WeatherAgent}'s turn and conversation wrapped by hand in the spans an expert would
 * write: the same names, kinds and attributes as ag2's (checked when the benchmark starts, see
 * {@link SpanShapes}), keys created once, errors recorded.
 */
public class HandWrittenSpanWeatherAgent {

	private static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("ag2.span.type");

	private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	private static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");

	private static final AttributeKey<String> AGENT_DESCRIPTION = AttributeKey.stringKey("gen_ai.agent.description");

	private static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");

	private static final AttributeKey<Long> CONVERSATION_TURNS = AttributeKey.longKey("gen_ai.conversation.turns");

	private final Tracer tracer;

	public HandWrittenSpanWeatherAgent(Tracer tracer) {
		this.tracer = tracer;
	}

	public String reply(String city, int day) {
		Span span = this.tracer.spanBuilder("invoke_agent weather_agent")
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(SPAN_TYPE, "agent")
			.setAttribute(OPERATION_NAME, "invoke_agent")
			.setAttribute(AGENT_NAME, "weather_agent")
			.setAttribute(AGENT_DESCRIPTION, "Answers questions about the weather")
			.startSpan();
		try (Scope ignored = span.makeCurrent()) {
			return Forecasts.forecast(city, day);
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

	public String chat(String conversationId, String city, int day) {
		Span span = this.tracer.spanBuilder("conversation weather_agent")
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(SPAN_TYPE, "conversation")
			.setAttribute(OPERATION_NAME, "conversation")
			.setAttribute(CONVERSATION_ID, conversationId)
			.setAttribute(AGENT_NAME, "weather_agent")
			.startSpan();
		long turns = 0;
		try (Scope ignored = span.makeCurrent()) {
			return Forecasts.forecast(city, day);
		}
		catch (RuntimeException ex) {
			span.setStatus(StatusCode.ERROR, ex.getMessage());
			span.recordException(ex);
			throw ex;
		}
		finally {
			span.setAttribute(CONVERSATION_TURNS, turns);
			span.end();
		}
	}

}
