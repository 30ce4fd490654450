package ai.ag2.tracing.mcpapp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * An MCP server as a user writes it with the SDK alone, every part a bean and no ag2 code: the
 * SDK's streamable-HTTP servlet on {@code /mcp} of a Spring MVC application, and a sync server
 * with the weather tools, a resource and a prompt.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WeatherServerApplication {

	static final String SERVER_NAME = "weather-server";

	static final String SERVER_VERSION = "1.2.0";

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
	WeatherTools.Forecasts forecasts() {
		return new WeatherTools.Forecasts();
	}

	@Bean
	WeatherTools.Received received() {
		return new WeatherTools.Received();
	}

	@Bean(destroyMethod = "close")
	McpSyncServer weatherServer(HttpServletStreamableServerTransportProvider mcpTransportProvider,
			WeatherTools.Forecasts forecasts, WeatherTools.Received received) {
		return McpServer.sync(mcpTransportProvider)
			.serverInfo(SERVER_NAME, SERVER_VERSION)
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, false).prompts(false).build())
			.immediateExecution(true)
			.tools(WeatherTools.tools(forecasts, received))
			.resources(WeatherTools.stations())
			.prompts(WeatherTools.forecastPrompt())
			.build();
	}

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

}
