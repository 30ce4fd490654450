package ai.ag2.tracing.sample.remote;

import java.util.List;

import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatRequest;
import ai.ag2.tracing.sample.llm.LanguageModel;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.TextPart;

/**
 * The research service's A2A agent, {@code tech_agent}: each execution asks the language model and
 * answers with one artifact. ag2-tracing traces it as {@code conversation tech_agent} →
 * {@code invoke_agent tech_agent} under the request's {@code a2a-execution}, with no code here.
 */
public class TechAgentExecutor implements AgentExecutor {

	static final String SYSTEM_MESSAGE = "You solve technical problems. Provide clear, actionable solutions.";

	private final LanguageModel llm;

	private final String model;

	public TechAgentExecutor(LanguageModel llm, String model) {
		this.llm = llm;
		this.model = model;
	}

	@Override
	public void execute(RequestContext context, EventQueue eventQueue) {
		TaskUpdater updater = new TaskUpdater(context, eventQueue);
		if (context.getTask() == null) {
			updater.submit();
		}
		updater.startWork();
		String answer = this.llm.chat(new ChatRequest(this.model,
				List.of(ChatMessage.system(SYSTEM_MESSAGE), ChatMessage.user("remote_caller", context.getUserInput(" "))),
				List.of()))
			.content();
		updater.addArtifact(List.of(new TextPart(answer)), null, "answer", null);
		updater.complete();
	}

	@Override
	public void cancel(RequestContext context, EventQueue eventQueue) {
		new TaskUpdater(context, eventQueue).cancel();
	}

}
