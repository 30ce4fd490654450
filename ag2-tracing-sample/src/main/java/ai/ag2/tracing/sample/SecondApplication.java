package ai.ag2.tracing.sample;

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

/**
 * Another service of the sample, started in this JVM as a second servlet application on a random
 * port of 127.0.0.1 with its own {@code spring.application.name} (its {@code service.name}), and
 * stopped with the main application.
 */
public abstract class SecondApplication implements DisposableBean {

	private static final List<String> OWN_ARGUMENTS = List.of("--spring.application.name",
			"--spring.main.web-application-type", "--server.address", "--server.port");

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	/**
	 * Start the application.
	 * @param arguments the main application's arguments, passed on (so that, for example, an OTLP
	 * endpoint given on the command line applies to both services) except those that make this
	 * application what it is
	 * @param application its configuration class
	 * @param serviceName its {@code spring.application.name}
	 */
	protected SecondApplication(ApplicationArguments arguments, Class<?> application, String serviceName) {
		List<String> args = new ArrayList<>(Arrays.stream(arguments.getSourceArgs())
			.filter((arg) -> OWN_ARGUMENTS.stream().noneMatch(arg::startsWith))
			.toList());
		// Command-line arguments outrank the application.yml that both applications read.
		args.addAll(List.of("--spring.application.name=" + serviceName, "--spring.main.web-application-type=servlet",
				"--server.address=127.0.0.1", "--server.port=0"));
		this.context = new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET)
			.run(args.toArray(String[]::new));
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** Where the application listens, e.g. {@code http://127.0.0.1:43567}. */
	public String baseUrl() {
		return this.baseUrl;
	}

	/** The application's context. */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** Hand the application's finished spans to its exporters now. */
	public void flushTraces() {
		this.context.getBeanProvider(SdkTracerProvider.class)
			.ifAvailable((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
	}

	@Override
	public void destroy() {
		this.context.close();
	}

}
