package ai.ag2.tracing.sample;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.sample.agents.Chats;
import ai.ag2.tracing.sample.agents.GroupChatManager;
import ai.ag2.tracing.sample.agents.ParallelChats;
import ai.ag2.tracing.sample.agents.ParallelChats.ChatTask;
import ai.ag2.tracing.sample.mcp.McpWeatherServer;
import ai.ag2.tracing.sample.mcp.WeatherReporter;
import ai.ag2.tracing.sample.network.ReviewDesk;
import ai.ag2.tracing.sample.remote.A2aEndpoint;
import ai.ag2.tracing.sample.remote.RemoteAgentServer;
import ai.ag2.tracing.sample.remote.TechSupportChat;
import ai.ag2.tracing.sample.springai.SpringAiChats;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The scenarios of AG2's tracing walkthrough, one trace each: a two-agent chat, a tool call, a
 * group chat with speaker selection, human input and code execution, several chats at once, a
 * remote agent over HTTP, agents that talk through messages on channels, an agent on Spring AI's
 * {@code ChatClient}, the remote agent over A2A, and an agent whose tool runs on an MCP server.
 */
@Component
public class Walkthrough {

	private final Chats chats;

	private final GroupChatManager groupChat;

	private final ParallelChats parallelChats;

	private final RemoteAgentServer remoteAgentServer;

	private final ReviewDesk reviewDesk;

	private final SpringAiChats springAiChats;

	private final McpWeatherServer mcpWeatherServer;

	private final WeatherReporter.Desk weatherDesk;

	private final ObjectProvider<SdkTracerProvider> tracerProvider;

	private final TechSupportChat techSupportChat;

	public Walkthrough(Chats chats, GroupChatManager groupChat, ParallelChats parallelChats,
			RemoteAgentServer remoteAgentServer, ReviewDesk reviewDesk, SpringAiChats springAiChats,
			TechSupportChat techSupportChat, McpWeatherServer mcpWeatherServer, WeatherReporter.Desk weatherDesk,
			ObjectProvider<SdkTracerProvider> tracerProvider) {
		this.techSupportChat = techSupportChat;
		this.chats = chats;
		this.groupChat = groupChat;
		this.parallelChats = parallelChats;
		this.remoteAgentServer = remoteAgentServer;
		this.reviewDesk = reviewDesk;
		this.springAiChats = springAiChats;
		this.mcpWeatherServer = mcpWeatherServer;
		this.weatherDesk = weatherDesk;
		this.tracerProvider = tracerProvider;
	}

	public String twoAgentChat() {
		return this.chats.twoAgentChat("What are the three primary colors?");
	}

	public String toolCall() throws Exception {
		return this.chats.toolChat("What's the weather in Tokyo?", 3);
	}

	public String groupChat() {
		return this.groupChat.run("Explain in one line how agent tracing works. Research first, then write.", 2);
	}

	public String humanInputAndCodeExecution() throws Exception {
		return this.chats.codingChat("Write a program that prints the first ten primes.", 4);
	}

	public List<String> parallelChats() {
		return this.parallelChats.initiateChats(List.of(new ChatTask("assistant", "What is the capital of France?"),
				new ChatTask("researcher", "Research the speed of light."),
				new ChatTask("writer", "Summarise: the largest planet is Jupiter.")));
	}

	public String remoteAgent() {
		return this.chats.askRemoteResearcher("Research how a trace crosses services.");
	}

	public String agentsOverMessages() {
		return this.reviewDesk.review("Make the payment client survive a flaky network.");
	}

	public String springAi() {
		return this.springAiChats.askForecaster("Lisbon");
	}

	public String remoteAgentOverA2a() throws Exception {
		return this.techSupportChat.ask("My Java service crashes with a segfault on startup. How do I debug this?");
	}

	public String mcpTool() {
		return this.weatherDesk.ask("What is tomorrow's weather in Porto?");
	}

	/** Play every scenario, printing each answer and then its trace. */
	public void play(PrintStream out) throws Exception {
		scenario(out, "1. Two-agent chat", this::twoAgentChat);
		scenario(out, "2. Tool call", this::toolCall);
		scenario(out, "3. Group chat with speaker selection", this::groupChat);
		scenario(out, "4. Human input and code execution", this::humanInputAndCodeExecution);
		scenario(out, "5. Several chats at once", this::parallelChats);
		scenario(out, "6. Remote agent over HTTP (" + this.remoteAgentServer.baseUrl() + ")", this::remoteAgent);
		scenario(out, "7. Agents over messages (channels reviews and replies)", this::agentsOverMessages);
		scenario(out, "8. Spring AI ChatClient with a tool, blocking and streamed", this::springAi);
		scenario(out, "9. Remote agent over A2A (" + this.remoteAgentServer.baseUrl() + A2aEndpoint.PATH + ")",
				this::remoteAgentOverA2a);
		scenario(out, "10. A tool on an MCP server (" + this.mcpWeatherServer.baseUrl() + "/mcp)", this::mcpTool);
	}

	private void scenario(PrintStream out, String title, Callable<?> scenario) throws Exception {
		out.println("=== " + title);
		Object answer = scenario.call();
		out.println("answer: " + String.valueOf(answer).replace("\n", " / "));
		out.println();
		// Boot's batch processor exports every 5 s; flushing here prints each tree under its scenario.
		this.tracerProvider.ifAvailable((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
		this.remoteAgentServer.flushTraces();
		this.mcpWeatherServer.flushTraces();
	}

}
