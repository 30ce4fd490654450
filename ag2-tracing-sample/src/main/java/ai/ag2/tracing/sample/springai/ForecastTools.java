package ai.ag2.tracing.sample.springai;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.stereotype.Component;

/**
 * A tool for Spring AI that ag2 traces too: Spring AI's {@code @Tool} makes it callable by the
 * model, ag2's adds to the one {@code execute_tool} span Spring AI's observation makes.
 */
@Component
public class ForecastTools {

	@Tool(name = "get_forecast", description = "Tomorrow's weather forecast for a city.")
	@ai.ag2.tracing.annotation.Tool(name = "get_forecast", description = "Tomorrow's weather forecast for a city.")
	public String getForecast(String city) {
		return "Tomorrow in " + city + ": sunny, 24 C, light wind.";
	}

}
