package ai.ag2.tracing.sample.remote;

import ai.ag2.tracing.sample.SecondApplication;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * Starts the {@link ResearchService} in this JVM as a second application ({@link SecondApplication}): its own
 * port on 127.0.0.1 and its own {@code service.name}, {@value #SERVICE_NAME}.
 */
@Component
public class RemoteAgentServer extends SecondApplication {

	/** The research service's {@code spring.application.name}, hence its {@code service.name}. */
	public static final String SERVICE_NAME = "ag2-remote-researcher";

	/**
	 * Start the research service.
	 * @param arguments the main application's arguments, passed on
	 */
	public RemoteAgentServer(ApplicationArguments arguments) {
		super(arguments, ResearchService.class, SERVICE_NAME);
	}

}
