package ai.ag2.tracing.sample.remote;

import java.util.stream.Collectors;

import ai.ag2.tracing.annotation.Conversation;
import io.a2a.spec.Task;
import io.a2a.spec.TextPart;

import org.springframework.stereotype.Component;

/** user_proxy asks the tech agent of the research service over A2A. */
@Component
public class TechSupportChat {

	private final RemoteTechAgent techAgent;

	public TechSupportChat(RemoteTechAgent techAgent) {
		this.techAgent = techAgent;
	}

	@Conversation(agent = "user_proxy", maxTurns = "1")
	public String ask(String problem) throws Exception {
		Task task = this.techAgent.solve(problem);
		return task.getArtifacts()
			.stream()
			.flatMap((artifact) -> artifact.parts().stream())
			.filter(TextPart.class::isInstance)
			.map((part) -> ((TextPart) part).getText())
			.collect(Collectors.joining(" "));
	}

}
