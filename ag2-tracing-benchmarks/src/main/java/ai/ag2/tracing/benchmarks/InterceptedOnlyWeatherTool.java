package ai.ag2.tracing.benchmarks;

/**
 * The tool behind {@link ProceedOnlyInterceptor}: a Spring AOP proxy with a plain interceptor and
 * no span.
 */
public class InterceptedOnlyWeatherTool {

	@InterceptedOnly
	public String getWeather(String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
