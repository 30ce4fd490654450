package ai.ag2.tracing.sample.mcp;

import java.time.Duration;

import ai.ag2.tracing.Ag2Mcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP client of the main application, as a user writes it with the MCP Java SDK: the
 * transport and the client are beans, which ag2-tracing traces as they are created; the HTTP
 * request customizer adds the server's address and the MCP session id to the spans.
 */
@Configuration(proxyBeanMethods = false)
public class McpConfiguration {

	@Bean
	McpClientTransport weatherMcpTransport(McpWeatherServer server, Ag2Mcp ag2Mcp) {
		return HttpClientStreamableHttpTransport.builder(server.baseUrl())
			.endpoint("/mcp")
			.httpRequestCustomizer(ag2Mcp.httpRequestCustomizer())
			.build();
	}

	// gracefully: the session ends with its DELETE before the server stops, which then waits for no open stream
	@Bean(destroyMethod = "closeGracefully")
	McpSyncClient weatherMcpClient(McpClientTransport weatherMcpTransport) {
		return McpClient.sync(weatherMcpTransport)
			.clientInfo(McpSchema.Implementation.builder("ag2-tracing-sample", "1.0.0").build())
			.requestTimeout(Duration.ofSeconds(10))
			.build();
	}

}
