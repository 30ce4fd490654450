package ai.ag2.tracing.sample.agents;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.annotation.SpeakerSelection;
import ai.ag2.tracing.sample.llm.ChatMessage;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Picks the next speaker of a group chat by asking the speaker_selector agent, like AG2's
 * automatic speaker selection: a {@code speaker_selection} span with the candidates and the
 * choice, the selector's turn and its {@code chat} span inside.
 */
@Component
public class AutoSpeakerSelection {

	private final ConversableAgent selector;

	public AutoSpeakerSelection(@Qualifier("speaker_selector") ConversableAgent selector) {
		this.selector = selector;
	}

	@SpeakerSelection
	public String select(List<String> candidates, List<ChatMessage> history) {
		List<ChatMessage> messages = new ArrayList<>(history);
		messages.add(ChatMessage.user("chat_manager", "Candidates: " + String.join(", ", candidates) + "."));
		String answer = this.selector.reply(messages).content().strip();
		return candidates.stream().filter(answer::contains).findFirst().orElse(candidates.get(0));
	}

}
