package ai.ag2.tracing.sample.mcp;

import ai.ag2.tracing.sample.SecondApplication;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * Starts the {@link WeatherMcpService} in this JVM as a second application ({@link SecondApplication}): its own
 * port on 127.0.0.1 and its own {@code service.name}, {@value #SERVICE_NAME}.
 */
@Component
public class McpWeatherServer extends SecondApplication {

	/** The MCP server's {@code spring.application.name}, hence its {@code service.name}. */
	public static final String SERVICE_NAME = "ag2-mcp-weather-server";

	/**
	 * Start the MCP server.
	 * @param arguments the main application's arguments, passed on
	 */
	public McpWeatherServer(ApplicationArguments arguments) {
		super(arguments, WeatherMcpService.class, SERVICE_NAME);
	}

}
