package ai.ag2.tracing.benchmarks;

import ai.ag2.tracing.annotation.Tool;

/**
 * The tool traced by ag2-tracing: {@code execute_tool get_weather} with {@code ag2.span.type},
 * {@code gen_ai.operation.name}, {@code gen_ai.tool.name}, {@code gen_ai.tool.type} and
 * {@code gen_ai.tool.description} (five attributes; arguments and result too when content capture
 * is on).
 */
public class Ag2WeatherTool {

	@Tool(name = "get_weather", description = "Weather forecast for a city")
	public String getWeather(String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
