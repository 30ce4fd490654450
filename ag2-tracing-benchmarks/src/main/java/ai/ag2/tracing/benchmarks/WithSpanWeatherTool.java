package ai.ag2.tracing.benchmarks;

import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The tool under OpenTelemetry's {@code @WithSpan}, traced by the aspect of the OpenTelemetry
 * Spring Boot starter. Its span carries only the aspect's code attributes (fewer than ag2's five).
 */
public class WithSpanWeatherTool {

	@WithSpan("execute_tool get_weather")
	public String getWeather(String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
