package ai.ag2.tracing.sample.remote;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Starts the {@link ResearchService} in this JVM as a second application, on a random port of
 * 127.0.0.1 and with its own {@code spring.application.name} (its {@code service.name}), and
 * stops it with the main application.
 */
@Component
public class RemoteAgentServer implements DisposableBean {

	/** The research service's {@code spring.application.name}, hence its {@code service.name}. */
	public static final String SERVICE_NAME = "ag2-remote-researcher";

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	public RemoteAgentServer() {
		// Command-line arguments outrank the application.yml that both applications read.
		this.context = new SpringApplicationBuilder(ResearchService.class).web(WebApplicationType.SERVLET)
			.run("--spring.application.name=" + SERVICE_NAME, "--spring.main.web-application-type=servlet",
					"--server.address=127.0.0.1", "--server.port=0");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** Where the research service listens, e.g. {@code http://127.0.0.1:43567}. */
	public String baseUrl() {
		return this.baseUrl;
	}

	/** The research service's application context. */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** Hand the research service's finished spans to its exporters now. */
	public void flushTraces() {
		this.context.getBeanProvider(SdkTracerProvider.class)
			.ifAvailable((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
	}

	@Override
	public void destroy() {
		this.context.close();
	}

}
