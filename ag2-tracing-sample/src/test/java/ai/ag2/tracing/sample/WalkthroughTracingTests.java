package ai.ag2.tracing.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.sample.mcp.McpWeatherServer;
import ai.ag2.tracing.sample.mcp.WeatherMcpService;
import ai.ag2.tracing.sample.remote.RemoteAgentServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample end to end, in-process: each scenario of the walkthrough makes the AG2 span tree that
 * DESIGN section 5 promises, with both services' spans in one trace.
 */
@SpringBootTest(properties = { "sample.run-walkthrough=false", "ag2.tracing.console.enabled=false" })
class WalkthroughTracingTests {

	private static final String SAMPLE = "ag2-tracing-sample";

	private static final String REMOTE = RemoteAgentServer.SERVICE_NAME;

	@Autowired
	private Walkthrough walkthrough;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Autowired
	private RemoteAgentServer remoteAgentServer;

	@Autowired
	private McpWeatherServer mcpWeatherServer;

	@Autowired
	private McpSyncClient weatherMcpClient;

	@BeforeEach
	void forgetEarlierSpans() {
		flush();
		SharedInMemorySpanExporter.SPANS.reset();
	}

	@Test
	void twoAgentChatIsAConversationWithOneAssistantTurn() throws Exception {
		TraceShape trace = trace(this.walkthrough::twoAgentChat);

		assertThat(trace.render()).isEqualTo("""
				conversation user_proxy [INTERNAL] ag2-tracing-sample
				  invoke_agent assistant [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				""");
		SpanData conversation = trace.span("conversation user_proxy");
		SpanData chat = trace.span("chat gpt-4o-mini");
		assertType(conversation, Ag2SpanType.CONVERSATION);
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "user_proxy")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS,
					chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS,
					chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS));
		assertType(trace.span("invoke_agent assistant"), Ag2SpanType.AGENT);
		assertThat(trace.span("invoke_agent assistant").getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME))
			.isEqualTo("assistant");
		assertType(chat, Ag2SpanType.LLM);
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"))
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "assistant")
			.containsKeys(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS);
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_ID)).startsWith("chatcmpl-scripted-");
		assertEveryAg2SpanCarriesTheConversationId(trace, conversation);
	}

	@Test
	void toolCallRunsThroughTheUserProxysTurn() throws Exception {
		TraceShape trace = trace(this.walkthrough::toolCall);

		assertThat(trace.render()).isEqualTo("""
				conversation tool_user [INTERNAL] ag2-tracing-sample
				  invoke_agent tool_agent [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				  invoke_agent tool_user [INTERNAL] ag2-tracing-sample
				    execute_tool get_weather [INTERNAL] ag2-tracing-sample
				  invoke_agent tool_agent [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				""");
		List<SpanData> chats = trace.all("chat gpt-4o-mini");
		assertThat(chats).extracting((chat) -> chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS))
			.containsExactly(List.of("tool_calls"), List.of("stop"));
		SpanData tool = trace.span("execute_tool get_weather");
		assertType(tool, Ag2SpanType.TOOL);
		assertThat(tool.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, "get_weather")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_TYPE, "function")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "Get the current weather for a city.")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "tool_user");
		assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ID)).startsWith("call_");
		SpanData conversation = trace.span("conversation tool_user");
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 3L)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, 3L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, sum(chats, Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS));
		assertEveryAg2SpanCarriesTheConversationId(trace, conversation);
	}

	@Test
	void groupChatSelectsEachSpeakerBeforeItsTurn() throws Exception {
		TraceShape trace = trace(this.walkthrough::groupChat);

		assertThat(trace.render()).isEqualTo("""
				conversation chat_manager [INTERNAL] ag2-tracing-sample
				  speaker_selection [INTERNAL] ag2-tracing-sample
				    invoke_agent speaker_selector [INTERNAL] ag2-tracing-sample
				      chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				  invoke_agent researcher [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				  speaker_selection [INTERNAL] ag2-tracing-sample
				    invoke_agent speaker_selector [INTERNAL] ag2-tracing-sample
				      chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				  invoke_agent writer [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				""");
		List<SpanData> selections = trace.all("speaker_selection");
		selections.forEach((selection) -> assertType(selection, Ag2SpanType.SPEAKER_SELECTION));
		assertThat(selections).allSatisfy((selection) -> assertThat(
				selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_CANDIDATES))
			.containsExactly("researcher", "writer"));
		assertThat(selections)
			.extracting((selection) -> selection.getAttributes().get(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED))
			.containsExactly("researcher", "writer");
		// The selector's turns happen inside the selections, so only the two speakers count as turns.
		assertThat(trace.span("conversation chat_manager").getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "chat_manager")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 2L)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, 2L);
	}

	@Test
	void humanApprovesTheProgramAndTheUserProxyRunsIt() throws Exception {
		TraceShape trace = trace(this.walkthrough::humanInputAndCodeExecution);

		assertThat(trace.render()).isEqualTo("""
				conversation user_proxy [INTERNAL] ag2-tracing-sample
				  invoke_agent coder [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				  invoke_agent user_proxy [INTERNAL] ag2-tracing-sample
				    await_human_input user_proxy [INTERNAL] ag2-tracing-sample
				    execute_code user_proxy [INTERNAL] ag2-tracing-sample
				  invoke_agent coder [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				""");
		assertType(trace.span("await_human_input user_proxy"), Ag2SpanType.HUMAN_INPUT);
		SpanData code = trace.span("execute_code user_proxy");
		assertType(code, Ag2SpanType.CODE_EXECUTION);
		assertThat(code.getAttributes().get(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE)).isZero();
		assertThat(code.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(code.getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME)).isEqualTo("user_proxy");
	}

	@Test
	void parallelChatsNestUnderInitiateChats() throws Exception {
		TraceShape trace = trace(this.walkthrough::parallelChats);

		// The chats run at the same time, so their order under initiate_chats is not fixed.
		assertThat(trace.render().lines().sorted()).containsExactly(
				"      chat gpt-4o-mini [CLIENT] ag2-tracing-sample", "      chat gpt-4o-mini [CLIENT] ag2-tracing-sample",
				"      chat gpt-4o-mini [CLIENT] ag2-tracing-sample",
				"    invoke_agent assistant [INTERNAL] ag2-tracing-sample",
				"    invoke_agent researcher [INTERNAL] ag2-tracing-sample",
				"    invoke_agent writer [INTERNAL] ag2-tracing-sample",
				"  conversation user_proxy [INTERNAL] ag2-tracing-sample",
				"  conversation user_proxy [INTERNAL] ag2-tracing-sample",
				"  conversation user_proxy [INTERNAL] ag2-tracing-sample", "initiate_chats [INTERNAL] ag2-tracing-sample");
		SpanData initiateChats = trace.span("initiate_chats");
		assertType(initiateChats, Ag2SpanType.MULTI_CONVERSATION);
		assertThat(initiateChats.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_CHATS_MODE, "parallel")
			.containsEntry(Ag2Attributes.AG2_CHATS_COUNT, 3L)
			.containsEntry(Ag2Attributes.AG2_CHATS_RECIPIENTS, List.of("assistant", "researcher", "writer"));
		List<SpanData> conversations = trace.children(initiateChats);
		assertThat(conversations).hasSize(3)
			.extracting((conversation) -> conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
			.doesNotHaveDuplicates();
		for (SpanData conversation : conversations) {
			String id = conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
			assertThat(trace.children(conversation)).hasSize(1);
			SpanData turn = trace.children(conversation).get(0);
			assertThat(trace.children(turn)).extracting(SpanData::getName).containsExactly("chat gpt-4o-mini");
			assertThat(turn.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo(id);
			assertThat(trace.children(turn).get(0).getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
				.isEqualTo(id);
		}
	}

	@Test
	void remoteAgentCallContinuesTheTraceInTheResearchService() throws Exception {
		TraceShape trace = trace(this.walkthrough::remoteAgent);

		SpanData remoteTurn = trace.span("invoke_agent remote_researcher");
		assertType(remoteTurn, Ag2SpanType.AGENT);
		assertThat(remoteTurn.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(remoteTurn.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_AGENT_REMOTE, true)
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, "A researcher served by another service over HTTP");
		assertThat(TraceShape.service(remoteTurn)).isEqualTo(SAMPLE);

		SpanData remoteChat = trace.span("chat gpt-4o-mini");
		assertThat(ag2Ancestry(trace, remoteChat)).containsExactly("invoke_agent researcher",
				"conversation research_desk", "invoke_agent remote_researcher", "conversation user_proxy");
		for (SpanData span : List.of(remoteChat, trace.span("invoke_agent researcher"),
				trace.span("conversation research_desk"))) {
			assertThat(TraceShape.service(span)).as(span.getName()).isEqualTo(REMOTE);
		}
		List<SpanData> serverSpans = trace.spans().stream().filter((span) -> span.getKind() == SpanKind.SERVER).toList();
		assertThat(serverSpans).as(trace.render()).isNotEmpty().allSatisfy((server) -> {
			assertThat(TraceShape.service(server)).isEqualTo(REMOTE);
			assertThat(ancestry(trace, trace.span("conversation research_desk"))).contains(server.getName());
			assertThat(ancestry(trace, server)).contains("invoke_agent remote_researcher");
		});
		assertThat(trace.span("conversation research_desk").getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME))
			.isEqualTo("research_desk");
	}

	// Needs the propagation work (servlet filter and RestClient interceptor); runs once it is present.
	@Test
	void remoteAgentRequestIsServedUnderAnA2aExecutionSpanAndTheCallRecordsTheServer() throws Exception {
		assumeTrue(researchServiceHasAnAg2ServletFilter(),
				"the research service has no ag2-tracing servlet filter yet (propagation work)");
		TraceShape trace = trace(this.walkthrough::remoteAgent);

		SpanData a2a = trace.span("a2a-execution");
		assertType(a2a, Ag2SpanType.A2A_EXECUTION);
		assertThat(TraceShape.service(a2a)).isEqualTo(REMOTE);
		assertThat(trace.parentOf(trace.span("conversation research_desk"))).isEqualTo(a2a);
		assertThat(a2a.getKind()).isEqualTo(trace.parentOf(a2a).getKind() == SpanKind.SERVER ? SpanKind.INTERNAL
				: SpanKind.SERVER);
		String port = this.remoteAgentServer.baseUrl().substring(this.remoteAgentServer.baseUrl().lastIndexOf(':') + 1);
		assertThat(trace.span("invoke_agent remote_researcher").getAttributes().asMap())
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, Long.parseLong(port));
	}

	@Test
	void agentsOverMessagesShowTheEnvelopesBetweenTheTurns() throws Exception {
		TraceShape trace = trace(this.walkthrough::agentsOverMessages);

		assertThat(trace.render()).isEqualTo("""
				conversation planner [INTERNAL] ag2-tracing-sample
				  invoke_agent planner [INTERNAL] ag2-tracing-sample
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				    send reviews [PRODUCER] ag2-tracing-sample
				      invoke_agent reviewer [INTERNAL] ag2-tracing-sample
				        chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				        send replies [PRODUCER] ag2-tracing-sample
				          invoke_agent planner [INTERNAL] ag2-tracing-sample
				""");
		SpanData reviews = trace.span("send reviews");
		SpanData replies = trace.span("send replies");
		assertType(reviews, Ag2SpanType.ENVELOPE);
		String reviewsId = reviews.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
		assertThat(reviews.getAttributes().asMap()).containsEntry(Ag2Attributes.MESSAGING_DESTINATION_NAME, "reviews")
			.containsEntry(Ag2Attributes.MESSAGING_OPERATION_NAME, "send")
			.containsEntry(Ag2Attributes.AG2_NETWORK_SENDER, "planner")
			.doesNotContainKey(Ag2Attributes.AG2_NETWORK_CAUSATION_ID)
			.doesNotContainKey(Ag2Attributes.GEN_AI_OPERATION_NAME);
		assertThat(replies.getAttributes().asMap()).containsEntry(Ag2Attributes.MESSAGING_DESTINATION_NAME, "replies")
			.containsEntry(Ag2Attributes.AG2_NETWORK_SENDER, "reviewer")
			.containsEntry(Ag2Attributes.AG2_NETWORK_CAUSATION_ID, reviewsId);
		SpanData reviewer = trace.span("invoke_agent reviewer");
		assertThat(reviewer.getLinks()).singleElement().satisfies((link) -> {
			assertThat(link.getSpanContext().getSpanId()).isEqualTo(reviews.getSpanId());
			assertThat(link.getAttributes().get(Ag2Attributes.AG2_LINK_KIND)).isEqualTo("envelope");
		});
		SpanData conversation = trace.span("conversation planner");
		// the reviewer's model call counts into the planner's conversation
		assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.isEqualTo(sum(trace.all("chat gpt-4o-mini"), Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS));
		assertEveryAg2SpanCarriesTheConversationId(trace, conversation);
	}

	@Test
	void springAiAgentTurnsAreOneTraceOfAdoptedModelAndToolSpans() throws Exception {
		TraceShape trace = trace(this.walkthrough::springAi);

		assertThat(trace.render()).isEqualTo("""
				conversation traveller [INTERNAL] ag2-tracing-sample
				  invoke_agent forecaster [INTERNAL] ag2-tracing-sample
				    spring_ai chat_client [INTERNAL] ag2-tracing-sample
				      tool _calling  [INTERNAL] ag2-tracing-sample
				        call [INTERNAL] ag2-tracing-sample
				          chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				            POST [CLIENT] ag2-tracing-sample
				        execute_tool get_forecast [INTERNAL] ag2-tracing-sample
				        call [INTERNAL] ag2-tracing-sample
				          chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				            POST [CLIENT] ag2-tracing-sample
				  invoke_agent forecaster [INTERNAL] ag2-tracing-sample
				    spring_ai chat_client [INTERNAL] ag2-tracing-sample
				      tool _calling  [INTERNAL] ag2-tracing-sample
				        stream [INTERNAL] ag2-tracing-sample
				          chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				            POST [CLIENT] ag2-tracing-sample
				        execute_tool get_forecast [INTERNAL] ag2-tracing-sample
				        stream [INTERNAL] ag2-tracing-sample
				          chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				            POST [CLIENT] ag2-tracing-sample
				""");
		List<SpanData> chats = trace.all("chat gpt-4o-mini");
		chats.forEach((chat) -> assertType(chat, Ag2SpanType.LLM));
		assertThat(chats).extracting((chat) -> chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS))
			.containsExactly(List.of("tool_calls"), List.of("stop"), List.of("tool_calls"), List.of("stop"));
		assertThat(chats).allSatisfy((chat) -> assertThat(chat.getAttributes().asMap())
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "forecaster")
			.containsKeys(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, Ag2Attributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS));
		assertThat(chats.get(2).getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
		trace.all("execute_tool get_forecast").forEach((tool) -> assertType(tool, Ag2SpanType.TOOL));
		SpanData conversation = trace.span("conversation traveller");
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 2L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, sum(chats, Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS))
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS,
					sum(chats, Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS));
		assertEveryAg2SpanCarriesTheConversationId(trace, conversation);
	}

	@Test
	void remoteAgentOverA2aContinuesTheTraceInTheResearchServicesAgentExecutor() throws Exception {
		TraceShape trace = trace(this.walkthrough::remoteAgentOverA2a);

		assertThat(trace.render()).isEqualTo("""
				conversation user_proxy [INTERNAL] ag2-tracing-sample
				  invoke_agent tech_agent [CLIENT] ag2-tracing-sample
				    http post /a2a [SERVER] ag2-remote-researcher
				      a2a-execution [INTERNAL] ag2-remote-researcher
				        conversation tech_agent [INTERNAL] ag2-remote-researcher
				          invoke_agent tech_agent [INTERNAL] ag2-remote-researcher
				            chat gpt-4o-mini [CLIENT] ag2-remote-researcher
				""");
		SpanData remoteTurn = trace.all("invoke_agent tech_agent").get(0);
		SpanData served = trace.span("conversation tech_agent");
		String port = this.remoteAgentServer.baseUrl().substring(this.remoteAgentServer.baseUrl().lastIndexOf(':') + 1);
		assertThat(remoteTurn.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_AGENT_REMOTE, true)
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, Long.parseLong(port))
			.containsEntry(Ag2Attributes.A2A_METHOD_NAME, "message/send")
			.containsEntry(Ag2Attributes.A2A_TASK_STATE, "completed")
			.containsEntry(Ag2Attributes.A2A_TASK_ID, served.getAttributes().get(Ag2Attributes.A2A_TASK_ID))
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID,
					served.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID));
		assertType(served, Ag2SpanType.CONVERSATION);
		assertThat(served.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_TURNS)).isEqualTo(1L);
	}

	@Test
	void mcpToolCallContinuesTheTraceOnTheMcpServer() throws Exception {
		if (!this.weatherMcpClient.isInitialized()) {
			// the session's first call initializes it too (8 spans more); every later call makes the tree below
			trace(this.walkthrough::mcpTool, 21);
		}
		// the server's HTTP spans can end after every other span has arrived: all 13, then the tree
		TraceShape trace = trace(this.walkthrough::mcpTool, 13);

		assertThat(trace.render()).isEqualTo("""
				conversation user_proxy [INTERNAL] ag2-tracing-sample
				  invoke_agent weather_reporter [INTERNAL] ag2-tracing-sample
				    tools/list [CLIENT] ag2-tracing-sample
				      http post [SERVER] ag2-mcp-weather-server
				        a2a-execution [INTERNAL] ag2-mcp-weather-server
				      tools/list [SERVER] ag2-mcp-weather-server
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				    tools/call get_forecast [CLIENT] ag2-tracing-sample
				      http post [SERVER] ag2-mcp-weather-server
				        a2a-execution [INTERNAL] ag2-mcp-weather-server
				      tools/call get_forecast [SERVER] ag2-mcp-weather-server
				        execute_tool read_station [INTERNAL] ag2-mcp-weather-server
				    chat gpt-4o-mini [CLIENT] ag2-tracing-sample
				""");
		SpanData call = trace.all("tools/call get_forecast").get(0);
		SpanData handled = trace.all("tools/call get_forecast").get(1);
		String port = this.mcpWeatherServer.baseUrl().substring(this.mcpWeatherServer.baseUrl().lastIndexOf(':') + 1);
		assertType(call, Ag2SpanType.TOOL);
		assertThat(call.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, WeatherMcpService.TOOL)
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "weather_reporter")
			.containsEntry(Ag2Attributes.MCP_METHOD_NAME, "tools/call")
			.containsEntry(Ag2Attributes.AG2_MCP_SERVER_NAME, "weather-station")
			.containsEntry(Ag2Attributes.AG2_MCP_SERVER_VERSION, "1.0.0")
			.containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "tcp")
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, Long.parseLong(port))
			.containsKey(Ag2Attributes.JSONRPC_REQUEST_ID)
			.containsKey(Ag2Attributes.MCP_PROTOCOL_VERSION)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID,
					trace.span("conversation user_proxy").getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID));
		assertType(handled, Ag2SpanType.MCP);
		assertThat(handled.getParentSpanId()).isEqualTo(call.getSpanId());
		assertThat(handled.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.containsEntry(Ag2Attributes.GEN_AI_TOOL_NAME, WeatherMcpService.TOOL)
			.containsEntry(Ag2Attributes.MCP_METHOD_NAME, "tools/call")
			.containsEntry(Ag2Attributes.MCP_SESSION_ID, call.getAttributes().get(Ag2Attributes.MCP_SESSION_ID))
			.containsEntry(NetworkAttributes.NETWORK_TRANSPORT, "tcp");
		// the server's HTTP request span is the MCP server span's link, not its parent (MCP semantic conventions)
		SpanData request = trace.children(call).get(0);
		assertThat(handled.getLinks()).extracting((link) -> link.getSpanContext().getSpanId())
			.contains(trace.children(request).get(0).getSpanId());
		assertThat(trace.span("execute_tool read_station").getAttributes().get(Ag2Attributes.GEN_AI_TOOL_NAME))
			.isEqualTo("read_station");
	}

	@Test
	void theWholeWalkthroughRecordsEverySpanTypeOfTheContract() throws Exception {
		List<SpanData> spans = new ArrayList<>();
		for (Callable<?> scenario : List.<Callable<?>>of(this.walkthrough::twoAgentChat, this.walkthrough::toolCall,
				this.walkthrough::groupChat, this.walkthrough::humanInputAndCodeExecution,
				this.walkthrough::parallelChats, this.walkthrough::remoteAgent, this.walkthrough::agentsOverMessages,
				this.walkthrough::springAi, this.walkthrough::remoteAgentOverA2a, this.walkthrough::mcpTool)) {
			spans.addAll(trace(scenario).spans());
		}
		Set<String> types = spans.stream()
			.map((span) -> span.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE))
			.filter((type) -> type != null)
			.collect(Collectors.toSet());
		List<String> expected = new ArrayList<>(Arrays.stream(Ag2SpanType.values()).map(Ag2SpanType::value).toList());
		if (!researchServiceHasAnAg2ServletFilter()) {
			expected.remove(Ag2SpanType.A2A_EXECUTION.value());
		}
		assertThat(types).containsAll(expected);
		assertThat(spans).filteredOn((span) -> span.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE) != null)
			.allSatisfy((span) -> {
				String type = span.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE);
				// envelopes are messages, not GenAI operations (DESIGN §14); MCP names only tool calls (§12)
				if (!Ag2SpanType.A2A_EXECUTION.value().equals(type) && !Ag2SpanType.ENVELOPE.value().equals(type)
						&& !Ag2SpanType.MCP.value().equals(type)) {
					assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_OPERATION_NAME)).as(span.getName())
						.isNotBlank();
				}
				assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			});
	}

	private TraceShape trace(Callable<?> scenario) throws Exception {
		return trace(scenario, 1);
	}

	private TraceShape trace(Callable<?> scenario, int atLeast) throws Exception {
		SharedInMemorySpanExporter.SPANS.reset();
		scenario.call();
		List<SpanData> spans = SharedInMemorySpanExporter.awaitCompleteTrace(this::flush, atLeast);
		assertThat(spans).isNotEmpty();
		Set<String> traceIds = spans.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
		assertThat(traceIds).as("one trace per scenario in%n%s", new TraceShape(spans).render()).hasSize(1);
		return new TraceShape(spans);
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		this.remoteAgentServer.flushTraces();
		this.mcpWeatherServer.flushTraces();
	}

	private boolean researchServiceHasAnAg2ServletFilter() {
		ConfigurableApplicationContext remote = this.remoteAgentServer.context();
		boolean filter = remote.getBeansOfType(Filter.class).values().stream().anyMatch(this::isAg2);
		boolean registered = remote.getBeansOfType(FilterRegistrationBean.class)
			.values()
			.stream()
			.anyMatch((registration) -> isAg2(registration.getFilter()));
		return filter || registered;
	}

	private boolean isAg2(Object filter) {
		return filter.getClass().getName().startsWith("ai.ag2.tracing.");
	}

	private static void assertType(SpanData span, Ag2SpanType type) {
		assertThat(span.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE)).as(span.getName()).isEqualTo(type.value());
		if (type.operationName() != null) {
			assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_OPERATION_NAME)).as(span.getName())
				.isEqualTo(type.operationName());
		}
	}

	private static void assertEveryAg2SpanCarriesTheConversationId(TraceShape trace, SpanData conversation) {
		String id = conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		assertThat(id).isNotBlank();
		assertThat(trace.spans()).allSatisfy((span) -> assertThat(
				span.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
			.as(span.getName())
			.isEqualTo(id));
	}

	private static long sum(List<SpanData> spans, io.opentelemetry.api.common.AttributeKey<Long> key) {
		return spans.stream().mapToLong((span) -> span.getAttributes().get(key)).sum();
	}

	/** Names of the span's ancestors, nearest first. */
	private static List<String> ancestry(TraceShape trace, SpanData span) {
		List<String> names = new ArrayList<>();
		SpanData current = span;
		while (current.getParentSpanContext().isValid()) {
			current = trace.parentOf(current);
			names.add(current.getName());
		}
		return names;
	}

	/** Names of the span's ag2 ancestors other than a2a-execution, nearest first. */
	private static List<String> ag2Ancestry(TraceShape trace, SpanData span) {
		List<String> names = new ArrayList<>();
		SpanData current = span;
		while (current.getParentSpanContext().isValid()) {
			current = trace.parentOf(current);
			String type = current.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE);
			if (type != null && !Ag2SpanType.A2A_EXECUTION.value().equals(type)) {
				names.add(current.getName());
			}
		}
		return names;
	}

}
