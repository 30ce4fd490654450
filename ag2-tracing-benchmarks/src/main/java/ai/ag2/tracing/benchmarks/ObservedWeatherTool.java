package ai.ag2.tracing.benchmarks;

import io.micrometer.observation.annotation.Observed;

/**
 * The tool under Micrometer's {@code @Observed}, turned into an OpenTelemetry span by Boot's
 * tracing bridge. Its span carries the aspect's {@code class} and {@code method} plus the three
 * key values below: five attributes, as many as ag2's tool span.
 */
public class ObservedWeatherTool {

	@Observed(name = "get.weather", contextualName = "execute_tool get_weather",
			lowCardinalityKeyValues = { "ag2.span.type", "tool", "gen_ai.operation.name", "execute_tool",
					"gen_ai.tool.name", "get_weather" })
	public String getWeather(String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
