package ai.ag2.tracing.mcpapp;

import java.util.Map;

import ai.ag2.tracing.Ag2Mcp;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Tool;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An agent that calls its tools on an MCP server, as a user writes it with the SDK: the transports
 * and the clients (sync and async) are beans (ag2 traces the transports as they are created); the
 * one line for ag2 is the HTTP request customizer, which adds the server's address and the
 * session id.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class WeatherClientApplication {

	@Bean
	McpClientTransport mcpTransport(@Value("${weather.mcp.url}") String url, Ag2Mcp ag2Mcp) {
		return HttpClientStreamableHttpTransport.builder(url)
			.endpoint("/mcp")
			.httpRequestCustomizer(ag2Mcp.httpRequestCustomizer())
			.build();
	}

	@Bean(destroyMethod = "close")
	McpSyncClient mcpClient(@Qualifier("mcpTransport") McpClientTransport mcpTransport) {
		return McpClient.sync(mcpTransport)
			.clientInfo(McpSchema.Implementation.builder("weather-agent", "1.0.0").build())
			.requestTimeout(java.time.Duration.ofSeconds(10))
			.build();
	}

	/** A second transport, for the SDK's async client: a client connects its transport once. */
	@Bean
	McpClientTransport asyncMcpTransport(@Value("${weather.mcp.url}") String url, Ag2Mcp ag2Mcp) {
		return HttpClientStreamableHttpTransport.builder(url)
			.endpoint("/mcp")
			.httpRequestCustomizer(ag2Mcp.httpRequestCustomizer())
			.build();
	}

	@Bean(destroyMethod = "close")
	McpAsyncClient asyncMcpClient(@Qualifier("asyncMcpTransport") McpClientTransport asyncMcpTransport) {
		return McpClient.async(asyncMcpTransport)
			.clientInfo(McpSchema.Implementation.builder("weather-agent-async", "1.0.0").build())
			.requestTimeout(java.time.Duration.ofSeconds(10))
			.build();
	}

	@Bean
	WeatherAgent weatherAgent(McpSyncClient mcpClient) {
		return new WeatherAgent(mcpClient);
	}

	@Bean
	AsyncWeatherAgent asyncWeatherAgent(McpAsyncClient asyncMcpClient) {
		return new AsyncWeatherAgent(asyncMcpClient);
	}

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	/** An agent turn that calls MCP tools directly, or through an ag2 tool of its own. */
	@Agent(name = "weather_agent")
	static class WeatherAgent {

		private final McpSyncClient client;

		WeatherAgent(McpSyncClient client) {
			this.client = client;
		}

		public McpSchema.CallToolResult ask(String tool, String city) {
			return this.client.callTool(new McpSchema.CallToolRequest(tool, Map.of("city", city)));
		}

		public McpSchema.ListToolsResult listTools() {
			return this.client.listTools();
		}

		public McpSchema.ReadResourceResult readStations() {
			return this.client.readResource(new McpSchema.ReadResourceRequest(WeatherTools.STATIONS_URI));
		}

		public McpSchema.GetPromptResult forecastPrompt(String city) {
			return this.client.getPrompt(new McpSchema.GetPromptRequest(WeatherTools.FORECAST_PROMPT, Map.of("city", city)));
		}

		/** An ag2 tool that is an MCP tool call: the one span of the call. */
		@Tool(name = WeatherTools.GET_WEATHER)
		public String weatherTool(String city) {
			return this.client.callTool(new McpSchema.CallToolRequest(WeatherTools.GET_WEATHER, Map.of("city", city)))
				.content()
				.toString();
		}

		/** An ag2 tool that makes two MCP calls: the first is the tool's own, the second a span of its own. */
		@Tool(name = "two_cities")
		public String twoCities(String first, String second) {
			return weatherOf(first) + " / " + weatherOf(second);
		}

		private String weatherOf(String city) {
			return this.client.callTool(new McpSchema.CallToolRequest(WeatherTools.GET_WEATHER, Map.of("city", city)))
				.content()
				.toString();
		}

	}

	/** An agent turn on the SDK's async client: one that returns the call's Mono, one that blocks on it. */
	@Agent(name = "async_weather_agent")
	static class AsyncWeatherAgent {

		private final McpAsyncClient client;

		AsyncWeatherAgent(McpAsyncClient client) {
			this.client = client;
		}

		public Mono<McpSchema.CallToolResult> ask(String city) {
			return this.client.callTool(new McpSchema.CallToolRequest(WeatherTools.GET_WEATHER, Map.of("city", city)));
		}

		public McpSchema.CallToolResult askAndWait(String city) {
			return this.client.callTool(new McpSchema.CallToolRequest(WeatherTools.GET_WEATHER, Map.of("city", city)))
				.block(java.time.Duration.ofSeconds(10));
		}

	}

}
