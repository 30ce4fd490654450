package ai.ag2.tracing.sample.mcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.sample.SampleProperties;
import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatReply;
import ai.ag2.tracing.sample.llm.ChatRequest;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.ToolCall;
import ai.ag2.tracing.sample.llm.ToolDefinition;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;

import org.springframework.stereotype.Component;

/**
 * An agent whose tools live on an MCP server: in its turn it offers the model the tools the
 * server lists, runs the calls the model asks for on the server, and answers with what the model
 * makes of the results. Each call is a {@code tools/call {tool}} span of this service, with the
 * server's spans under it.
 * <p>
 * The class declares one public method on purpose: a type-level {@code @Agent} traces every
 * public method the class declares.
 */
@Component
@Agent(name = "weather_reporter", description = "Reports the weather with the weather station's MCP tools")
public class WeatherReporter {

	private static final String SYSTEM_MESSAGE = "You report the weather. Use the weather station's tools; reply in one sentence.";

	private static final TypeRef<Map<String, Object>> ARGUMENTS = new TypeRef<>() {
	};

	private static final int MAX_TOOL_ROUNDS = 3;

	private final McpSyncClient client;

	private final LanguageModel llm;

	private final String model;

	public WeatherReporter(McpSyncClient weatherMcpClient, LanguageModel llm, SampleProperties properties) {
		this.client = weatherMcpClient;
		this.llm = llm;
		this.model = properties.getLlm().getModel();
	}

	/** One turn: answer {@code question}, with the MCP server's tools on offer to the model. */
	public String report(String question) {
		List<ToolDefinition> tools = this.client.listTools().tools().stream().map(WeatherReporter::definition).toList();
		List<ChatMessage> history = new ArrayList<>(
				List.of(ChatMessage.system(SYSTEM_MESSAGE), ChatMessage.user("user_proxy", question)));
		ChatReply reply = this.llm.chat(new ChatRequest(this.model, history, tools));
		for (int round = 0; round < MAX_TOOL_ROUNDS && !reply.toolCalls().isEmpty(); round++) {
			history.add(ChatMessage.assistant("weather_reporter", reply));
			for (ToolCall call : reply.toolCalls()) {
				history.add(ChatMessage.toolResult(call, callTool(call)));
			}
			reply = this.llm.chat(new ChatRequest(this.model, history, tools));
		}
		return reply.content();
	}

	private String callTool(ToolCall call) {
		Map<String, Object> arguments;
		try {
			arguments = McpJsonDefaults.getMapper().readValue(call.arguments(), ARGUMENTS);
		}
		catch (IOException ex) {
			return "error: the arguments are not a JSON object: " + call.arguments();
		}
		McpSchema.CallToolResult result = this.client.callTool(new McpSchema.CallToolRequest(call.name(), arguments));
		String text = result.content()
			.stream()
			.filter(McpSchema.TextContent.class::isInstance)
			.map((content) -> ((McpSchema.TextContent) content).text())
			.collect(Collectors.joining(" "));
		return Boolean.TRUE.equals(result.isError()) ? "error: " + text : text;
	}

	// The sample's models take tools of one string parameter: the first property of the input schema
	private static ToolDefinition definition(McpSchema.Tool tool) {
		Object properties = (tool.inputSchema() != null) ? tool.inputSchema().get("properties") : null;
		String parameter = (properties instanceof Map<?, ?> map && !map.isEmpty())
				? String.valueOf(map.keySet().iterator().next()) : "input";
		return new ToolDefinition(tool.name(), (tool.description() != null) ? tool.description() : tool.name(),
				parameter, parameter);
	}

	/** A conversation of one turn, the reporter's. */
	@Component
	public static class Desk {

		private final WeatherReporter reporter;

		public Desk(WeatherReporter reporter) {
			this.reporter = reporter;
		}

		@Conversation(agent = "user_proxy", maxTurns = "1")
		public String ask(String question) {
			return this.reporter.report(question);
		}

	}

}
