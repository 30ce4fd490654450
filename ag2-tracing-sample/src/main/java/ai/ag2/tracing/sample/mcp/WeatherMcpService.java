package ai.ag2.tracing.sample.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The MCP server application: the MCP Java SDK's streamable-HTTP servlet on {@code /mcp} and a
 * server with one tool, {@code get_forecast}, whose work is an ag2 {@code @Tool}. Every part is a
 * bean: ag2-tracing traces the server with no code, each request a SERVER span that continues the
 * caller's trace through {@code params._meta}.
 * <p>
 * Deliberately not a {@code @Configuration}: the main application's component scan must not
 * pick it up. {@link McpWeatherServer} starts it.
 */
@EnableAutoConfiguration
public class WeatherMcpService {

	/** The tool the server offers. */
	public static final String TOOL = "get_forecast";

	@Bean
	HttpServletStreamableServerTransportProvider mcpTransportProvider() {
		return HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
	}

	@Bean
	ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
			HttpServletStreamableServerTransportProvider mcpTransportProvider) {
		ServletRegistrationBean<HttpServletStreamableServerTransportProvider> registration = new ServletRegistrationBean<>(
				mcpTransportProvider, "/mcp");
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean
	ForecastStation forecastStation() {
		return new ForecastStation();
	}

	@Bean(destroyMethod = "close")
	McpSyncServer weatherMcpServer(HttpServletStreamableServerTransportProvider mcpTransportProvider,
			ForecastStation station) {
		McpSchema.Tool forecast = McpSchema.Tool.builder()
			.name(TOOL)
			.description("Tomorrow's weather in a city")
			.inputSchema(McpJsonDefaults.getMapper(),
					"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
			.build();
		return McpServer.sync(mcpTransportProvider)
			.serverInfo("weather-station", "1.0.0")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
			// a sync tool runs on the request's thread, inside the request's span
			.immediateExecution(true)
			.tools(McpServerFeatures.SyncToolSpecification.builder()
				.tool(forecast)
				.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
					.addTextContent(station.forecast(String.valueOf(request.arguments().get("city"))))
					.build())
				.build())
			.build();
	}

}
