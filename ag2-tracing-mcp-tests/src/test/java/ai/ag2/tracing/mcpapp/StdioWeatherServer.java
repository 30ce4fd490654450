package ai.ag2.tracing.mcpapp;

import java.util.concurrent.CountDownLatch;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * An MCP server over stdio, run in a JVM of its own by the tests: a Spring Boot application with
 * ag2-tracing whose spans go to the OTLP endpoint it is given, and whose stdout carries nothing
 * but MCP (no banner, no console log). Its transport provider and server are beans; ag2 traces
 * them with no code. The weather tool answers with the {@code traceparent} its request carried.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StdioWeatherServer {

	public static void main(String[] args) throws InterruptedException {
		new SpringApplicationBuilder(StdioWeatherServer.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.threshold.console=off",
					"spring.application.name=weather-stdio-server", "management.tracing.sampling.probability=1.0",
					"management.otlp.metrics.export.enabled=false")
			.run(args);
		// the SDK reads stdin on daemon threads; the JVM lives until the client ends it
		new CountDownLatch(1).await();
	}

	@Bean
	McpServerTransportProvider stdioTransportProvider() {
		return new StdioServerTransportProvider(McpJsonDefaults.getMapper());
	}

	@Bean
	WeatherTools.Forecasts forecasts() {
		return new WeatherTools.Forecasts();
	}

	@Bean
	McpSyncServer weatherServer(McpServerTransportProvider stdioTransportProvider, WeatherTools.Forecasts forecasts) {
		McpSchema.Tool weather = McpSchema.Tool.builder()
			.name(WeatherTools.GET_WEATHER)
			.inputSchema(McpJsonDefaults.getMapper(), "{\"type\":\"object\"}")
			.build();
		return McpServer.sync(stdioTransportProvider)
			.serverInfo("weather-stdio", "0.9.0")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
			.immediateExecution(true)
			.tools(McpServerFeatures.SyncToolSpecification.builder().tool(weather).callHandler((exchange, request) -> {
				String forecast = forecasts.forecast(String.valueOf(request.arguments().get("city")));
				Object traceparent = (request.meta() != null) ? request.meta().get("traceparent") : null;
				return McpSchema.CallToolResult.builder()
					.addTextContent(forecast)
					.addTextContent("traceparent=" + traceparent)
					.build();
			}).build())
			.build();
	}

}
