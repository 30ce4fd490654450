package ai.ag2.tracing.sample.agents;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.annotation.MultiConversation;
import ai.ag2.tracing.annotation.MultiConversation.Mode;

import org.springframework.stereotype.Component;

/**
 * Several chats at once, like AG2's {@code initiate_chats}: an {@code initiate_chats} span with
 * each conversation nested under it although they run on other threads, because the executor is
 * wrapped by {@link Ag2ContextPropagation}. The chats run through the {@link Chats} bean, not
 * through a method of this class: a call on {@code this} would bypass the Spring proxy and not be
 * traced.
 */
@Component
public class ParallelChats {

	private final Chats conversations;

	private final Map<String, ConversableAgent> agents;

	public ParallelChats(Chats conversations, Map<String, ConversableAgent> agents) {
		this.conversations = conversations;
		this.agents = agents;
	}

	@MultiConversation(mode = Mode.PARALLEL)
	public List<String> initiateChats(List<ChatTask> chats) {
		ExecutorService pool = Ag2ContextPropagation.wrap(Executors.newFixedThreadPool(chats.size()));
		try {
			List<CompletableFuture<String>> answers = chats.stream()
				.map((task) -> CompletableFuture.supplyAsync(
						() -> this.conversations.chat(this.agents.get(task.recipient()), task.message()), pool))
				.toList();
			return answers.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * One of the chats: ag2-tracing reads the recipient's name for {@code ag2.chats.recipients}.
	 *
	 * @param recipient the agent asked
	 * @param message the question
	 */
	public record ChatTask(String recipient, String message) {

	}

}
