package ai.ag2.tracing.benchmarks;

/**
 * The tool with no tracing at all: the baseline of every ratio.
 */
public class PlainWeatherTool {

	public String getWeather(String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
