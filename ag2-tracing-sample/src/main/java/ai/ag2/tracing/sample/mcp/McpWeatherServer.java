package ai.ag2.tracing.sample.mcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Starts the {@link WeatherMcpService} in this JVM as a second application, on a random port of
 * 127.0.0.1 and with its own {@code spring.application.name} (its {@code service.name}), and
 * stops it with the main application.
 */
@Component
public class McpWeatherServer implements DisposableBean {

	/** The MCP server's {@code spring.application.name}, hence its {@code service.name}. */
	public static final String SERVICE_NAME = "ag2-mcp-weather-server";

	private static final List<String> OWN_ARGUMENTS = List.of("--spring.application.name",
			"--spring.main.web-application-type", "--server.address", "--server.port");

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	/**
	 * Start the MCP server.
	 * @param arguments the main application's arguments, passed on (so that, for example, an OTLP
	 * endpoint given on the command line applies to both services) except those that make the
	 * MCP server what it is
	 */
	public McpWeatherServer(ApplicationArguments arguments) {
		List<String> args = new ArrayList<>(Arrays.stream(arguments.getSourceArgs())
			.filter((arg) -> OWN_ARGUMENTS.stream().noneMatch(arg::startsWith))
			.toList());
		// Command-line arguments outrank the application.yml that both applications read.
		args.addAll(List.of("--spring.application.name=" + SERVICE_NAME, "--spring.main.web-application-type=servlet",
				"--server.address=127.0.0.1", "--server.port=0"));
		this.context = new SpringApplicationBuilder(WeatherMcpService.class).web(WebApplicationType.SERVLET)
			.run(args.toArray(String[]::new));
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** Where the MCP server listens, e.g. {@code http://127.0.0.1:43567}. */
	public String baseUrl() {
		return this.baseUrl;
	}

	/** The MCP server's application context. */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** Hand the MCP server's finished spans to its exporters now. */
	public void flushTraces() {
		this.context.getBeanProvider(SdkTracerProvider.class)
			.ifAvailable((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
	}

	@Override
	public void destroy() {
		this.context.close();
	}

}
