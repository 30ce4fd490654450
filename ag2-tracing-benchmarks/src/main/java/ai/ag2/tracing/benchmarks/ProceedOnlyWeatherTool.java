package ai.ag2.tracing.benchmarks;

/**
 * The tool behind {@link ProceedOnlyAspect}: a Spring AOP proxy and no span.
 */
public class ProceedOnlyWeatherTool {

	@ProceedOnly
	public String getWeather(String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
