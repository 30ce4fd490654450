package ai.ag2.tracing.sample.agents;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatReply;
import ai.ag2.tracing.sample.remote.RemoteResearcher;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The chats of the walkthrough, like AG2's {@code initiate_chat}: each method is a
 * {@code conversation {agent}} span, the root of the turns inside it.
 */
@Component
public class Chats {

	private final ConversableAgent assistant;

	private final ConversableAgent toolAgent;

	private final UserProxyAgent toolUser;

	private final ConversableAgent coder;

	private final UserProxyAgent userProxy;

	private final RemoteResearcher remoteResearcher;

	public Chats(ConversableAgent assistant, @Qualifier("tool_agent") ConversableAgent toolAgent,
			@Qualifier("tool_user") UserProxyAgent toolUser, ConversableAgent coder,
			@Qualifier("user_proxy") UserProxyAgent userProxy, RemoteResearcher remoteResearcher) {
		this.assistant = assistant;
		this.toolAgent = toolAgent;
		this.toolUser = toolUser;
		this.coder = coder;
		this.userProxy = userProxy;
		this.remoteResearcher = remoteResearcher;
	}

	/** user_proxy asks the assistant one question. */
	@Conversation(agent = "user_proxy", maxTurns = "1")
	public String twoAgentChat(String message) {
		return chat(this.assistant, message);
	}

	/** user_proxy asks {@code recipient} one question; also one of several chats run at once. */
	@Conversation(agent = "user_proxy", maxTurns = "1")
	public String chat(ConversableAgent recipient, String message) {
		return recipient.reply(List.of(ChatMessage.user("user_proxy", message))).content();
	}

	/** tool_user asks tool_agent, which calls get_weather through tool_user, then answers. */
	@Conversation(agent = "tool_user", maxTurns = "#{#maxTurns}")
	public String toolChat(String message, int maxTurns) throws Exception {
		List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.user("tool_user", message)));
		ChatReply reply = this.toolAgent.reply(history);
		for (int turn = 1; turn < maxTurns && !reply.toolCalls().isEmpty(); turn++) {
			history.add(ChatMessage.assistant("tool_agent", reply));
			history.addAll(this.toolUser.reply(reply));
			reply = this.toolAgent.reply(history);
		}
		return reply.content();
	}

	/** user_proxy asks the coder for a program, the human approves it, user_proxy runs it. */
	@Conversation(agent = "user_proxy", maxTurns = "#{#maxTurns}")
	public String codingChat(String task, int maxTurns) throws Exception {
		List<ChatMessage> history = new ArrayList<>(List.of(ChatMessage.user("user_proxy", task)));
		ChatReply reply = this.coder.reply(history);
		for (int turn = 1; turn < maxTurns && !reply.content().contains("TERMINATE"); turn++) {
			history.add(ChatMessage.assistant("coder", reply));
			List<ChatMessage> results = this.userProxy.reply(reply);
			if (results.isEmpty() || results.get(results.size() - 1).text().contains("TERMINATE")) {
				break;
			}
			history.addAll(results);
			reply = this.coder.reply(history);
		}
		return history.get(history.size() - 1).text().startsWith("exitcode") ? history.get(history.size() - 1).text()
				: reply.content();
	}

	/** user_proxy asks a researcher that another service runs, over HTTP. */
	@Conversation(agent = "user_proxy", maxTurns = "1")
	public String askRemoteResearcher(String question) {
		return this.remoteResearcher.reply(question);
	}

}
