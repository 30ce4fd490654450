package ai.ag2.tracing.sample.remote;

import java.util.List;

import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.sample.agents.ConversableAgent;
import ai.ag2.tracing.sample.llm.ChatMessage;

/**
 * The research service's side of a remote call: a {@code conversation research_desk} in which the
 * researcher takes its turn.
 */
public class ResearchDesk {

	private final ConversableAgent researcher;

	public ResearchDesk(ConversableAgent researcher) {
		this.researcher = researcher;
	}

	@Conversation(agent = "research_desk", maxTurns = "1")
	public String answer(String question) {
		return this.researcher.reply(List.of(ChatMessage.user("remote_caller", question))).content();
	}

}
