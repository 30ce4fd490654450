package ai.ag2.tracing.mcpapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.ag2.tracing.annotation.Tool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.baggage.Baggage;

/**
 * The MCP server side of the tests: the tools an MCP server offers, what each request's
 * {@code params._meta} carried when it arrived, and an ag2 {@code @Tool} the weather tool calls.
 */
final class WeatherTools {

	static final String GET_WEATHER = "get_weather";

	static final String FAILING = "failing_tool";

	static final String STATIONS_URI = "weather://stations";

	static final String FORECAST_PROMPT = "forecast_prompt";

	private WeatherTools() {
	}

	/** The {@code _meta} of each tool call the server received, and the baggage its handler saw. */
	static final class Received {

		final List<Map<String, Object>> meta = new CopyOnWriteArrayList<>();

		final List<Map<String, String>> baggage = new CopyOnWriteArrayList<>();

		void record(McpSchema.CallToolRequest request) {
			this.meta.add((request.meta() != null) ? Map.copyOf(request.meta()) : Map.of());
			Map<String, String> seen = new java.util.LinkedHashMap<>();
			Baggage.current().forEach((key, entry) -> seen.put(key, entry.getValue()));
			this.baggage.add(seen);
		}

	}

	/** An ag2 tool bean the MCP tool's handler calls: its span hangs under the server's span. */
	static class Forecasts {

		@Tool(name = "forecast")
		public String forecast(String city) {
			return "sunny in " + city + ", 21 C";
		}

	}

	/** A resource the server offers: the stations it reads forecasts from. */
	static McpServerFeatures.SyncResourceSpecification stations() {
		McpSchema.Resource resource = McpSchema.Resource.builder()
			.uri(STATIONS_URI)
			.name("stations")
			.mimeType("text/plain")
			.build();
		return new McpServerFeatures.SyncResourceSpecification(resource,
				(exchange, request) -> new McpSchema.ReadResourceResult(
						List.of(new McpSchema.TextResourceContents(request.uri(), "text/plain", "Paris, Lima, Oslo"))));
	}

	/** A prompt the server offers: how to ask for a forecast. */
	static McpServerFeatures.SyncPromptSpecification forecastPrompt() {
		McpSchema.Prompt prompt = new McpSchema.Prompt(FORECAST_PROMPT, "Ask for a city's forecast",
				List.of(new McpSchema.PromptArgument("city", "The city", true)));
		return new McpServerFeatures.SyncPromptSpecification(prompt,
				(exchange, request) -> new McpSchema.GetPromptResult("forecast",
						List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(
								"What is the forecast for " + request.arguments().get("city") + "?")))));
	}

	static List<McpServerFeatures.SyncToolSpecification> tools(Forecasts forecasts, Received received) {
		McpSchema.Tool weather = McpSchema.Tool.builder()
			.name(GET_WEATHER)
			.description("The weather in a city")
			.inputSchema(McpJsonDefaults.getMapper(),
					"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
			.build();
		McpSchema.Tool failing = McpSchema.Tool.builder()
			.name(FAILING)
			.description("Always fails")
			.inputSchema(McpJsonDefaults.getMapper(), "{\"type\":\"object\"}")
			.build();
		return List.of(McpServerFeatures.SyncToolSpecification.builder().tool(weather).callHandler((exchange, request) -> {
			received.record(request);
			String city = String.valueOf(request.arguments().get("city"));
			return McpSchema.CallToolResult.builder().addTextContent(forecasts.forecast(city)).isError(false).build();
		}).build(), McpServerFeatures.SyncToolSpecification.builder().tool(failing).callHandler((exchange, request) -> {
			received.record(request);
			return McpSchema.CallToolResult.builder().addTextContent("no such city").isError(true).build();
		}).build());
	}

}
