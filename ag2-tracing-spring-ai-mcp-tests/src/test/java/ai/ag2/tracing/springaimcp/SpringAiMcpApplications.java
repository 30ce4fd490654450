package ai.ag2.tracing.springaimcp;

import ai.ag2.tracing.annotation.Agent;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The two applications a Spring AI user writes, each with no ag2 code: an MCP server on Spring
 * AI's WebMvc server starter whose tool is a Spring AI {@code @Tool} (traced by ag2 too), and an
 * agent whose {@code ChatClient} is offered the MCP server's tools by Spring AI's MCP client
 * starter.
 */
public final class SpringAiMcpApplications {

	private SpringAiMcpApplications() {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WeatherServer {

		@Bean
		WeatherService weatherService() {
			return new WeatherService();
		}

		@Bean
		ToolCallbackProvider weatherTools(WeatherService weatherService) {
			return MethodToolCallbackProvider.builder().toolObjects(weatherService).build();
		}

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	/** A Spring AI tool the MCP server offers, which ag2 traces as well: both annotations on one method. */
	public static class WeatherService {

		@Tool(name = "get_weather", description = "Current weather of a city")
		@ai.ag2.tracing.annotation.Tool(name = "lookup_weather")
		public String getWeather(String city) {
			return "Sunny, 21 C in " + city;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentApplication {

		@Bean
		Assistant assistant(ChatClient.Builder chatClient, SyncMcpToolCallbackProvider mcpTools) {
			return new Assistant(chatClient.defaultToolCallbacks(mcpTools).build());
		}

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	@Agent(name = "assistant")
	static class Assistant {

		private final ChatClient chatClient;

		Assistant(ChatClient chatClient) {
			this.chatClient = chatClient;
		}

		public String reply(String question) {
			return this.chatClient.prompt().user(question).call().content();
		}

	}


}
