package ai.ag2.tracing.sample;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Plays the {@link Walkthrough} on startup, unless {@code sample.run-walkthrough=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.run-walkthrough", matchIfMissing = true)
public class WalkthroughRunner implements ApplicationRunner {

	private final Walkthrough walkthrough;

	public WalkthroughRunner(Walkthrough walkthrough) {
		this.walkthrough = walkthrough;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		this.walkthrough.play(System.out);
	}

}
