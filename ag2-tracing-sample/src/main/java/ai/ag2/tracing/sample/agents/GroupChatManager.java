package ai.ag2.tracing.sample.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.sample.llm.ChatMessage;

import org.springframework.stereotype.Component;

/**
 * A group chat, like AG2's {@code GroupChatManager}: a {@code conversation chat_manager} span in
 * which, each round, a speaker is selected and takes a turn.
 */
@Component
public class GroupChatManager {

	private final AutoSpeakerSelection speakerSelection;

	private final Map<String, ConversableAgent> members;

	public GroupChatManager(AutoSpeakerSelection speakerSelection, ConversableAgent researcher,
			ConversableAgent writer) {
		this.speakerSelection = speakerSelection;
		this.members = Map.of("researcher", researcher, "writer", writer);
	}

	@Conversation(agent = "chat_manager", maxTurns = "#{#maxRounds}")
	public String run(String task, int maxRounds) {
		List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.user("group_user", task)));
		List<String> candidates = List.of("researcher", "writer");
		String last = "";
		for (int round = 0; round < maxRounds; round++) {
			String speaker = this.speakerSelection.select(candidates, history);
			last = this.members.get(speaker).reply(history).content();
			history.add(new ChatMessage("assistant", speaker, last, List.of(), null));
		}
		return last;
	}

}
