package ai.ag2.tracing.sample.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.sample.llm.ChatMessage;
import ai.ag2.tracing.sample.llm.ChatReply;
import ai.ag2.tracing.sample.llm.ToolCall;

/**
 * The user's side of a chat, like AG2's {@code UserProxyAgent}: it has no model; in its turn it
 * runs the tools the other agent asked for, or asks the human whether to run the code the other
 * agent wrote and runs it. Its turn is an {@code invoke_agent {name}} span (name = bean name) with
 * the tool, human-input and code spans inside.
 */
@Agent
public class UserProxyAgent {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern CITY_ARGUMENT = Pattern.compile("\"city\"\\s*:\\s*\"([^\"]*)\"");

	private final WeatherTools tools;

	private final AutomaticHuman human;

	private final LocalJavaExecutor executor;

	public UserProxyAgent(WeatherTools tools, AutomaticHuman human, LocalJavaExecutor executor) {
		this.tools = tools;
		this.human = human;
		this.executor = executor;
	}

	/**
	 * One turn in answer to {@code reply}: tool results for its tool calls, the output of its code
	 * block, or nothing when there is nothing to do.
	 */
	public List<ChatMessage> reply(ChatReply reply) throws Exception {
		List<ChatMessage> messages = new ArrayList<>();
		for (ToolCall call : reply.toolCalls()) {
			Matcher city = CITY_ARGUMENT.matcher(call.arguments());
			String result = WeatherTools.GET_WEATHER.name().equals(call.name()) && city.find()
					? this.tools.getWeather(city.group(1), call.id()) : "unknown tool " + call.name();
			messages.add(ChatMessage.toolResult(call, result));
		}
		Matcher code = JAVA_BLOCK.matcher(reply.content());
		if (code.find()) {
			String program = code.group(1);
			String answer = this.human.askToRun("Run this program? (approve/decline)", program);
			if (AutomaticHuman.APPROVE.equals(answer)) {
				CodeResult result = this.executor.execute(program);
				messages.add(ChatMessage.user("user_proxy", "exitcode: " + result.exitCode() + "\n" + result.output()));
			}
			else {
				messages.add(ChatMessage.user("user_proxy", "The human declined to run the program. TERMINATE"));
			}
		}
		return messages;
	}

}
