package ai.ag2.tracing.sample.agents;

import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.sample.llm.ToolDefinition;

import org.springframework.stereotype.Component;

/**
 * The walkthrough's tool: {@code get_weather}, an {@code execute_tool get_weather} span per call.
 */
@Component
public class WeatherTools {

	/** How the tool is offered to the model. */
	public static final ToolDefinition GET_WEATHER = new ToolDefinition("get_weather",
			"Get the current weather for a city.", "city", "The city to get weather for");

	@Tool(name = "get_weather", description = "Get the current weather for a city.")
	public String getWeather(String city, String toolCallId) {
		return "The weather in " + city + " is sunny, 72F.";
	}

}
