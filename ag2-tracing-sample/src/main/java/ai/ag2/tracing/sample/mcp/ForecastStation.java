package ai.ag2.tracing.sample.mcp;

import ai.ag2.tracing.annotation.Tool;

/** The MCP server's own work, an ag2 tool: its span hangs under the server's request span. */
public class ForecastStation {

	@Tool(name = "read_station", description = "Reads tomorrow's forecast from the station")
	public String forecast(String city) {
		return "Tomorrow in " + city + ": light rain, 14 C";
	}

}
