package ai.ag2.tracing.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * The tool wrapped by hand in the span an expert would write: the same name, kind and five
 * attributes as ag2's tool span, attribute keys created once, errors recorded.
 */
public class HandWrittenSpanWeatherTool {

	private static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("ag2.span.type");

	private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	private static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	private static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");

	private static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("gen_ai.tool.description");

	private final Tracer tracer;

	public HandWrittenSpanWeatherTool(Tracer tracer) {
		this.tracer = tracer;
	}

	public String getWeather(String city, int day) {
		Span span = this.tracer.spanBuilder("execute_tool get_weather")
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(SPAN_TYPE, "tool")
			.setAttribute(OPERATION_NAME, "execute_tool")
			.setAttribute(TOOL_NAME, "get_weather")
			.setAttribute(TOOL_TYPE, "function")
			.setAttribute(TOOL_DESCRIPTION, "Weather forecast for a city")
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

}
