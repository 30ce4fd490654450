package ai.ag2.tracing.benchmarks;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;

/**
 * An agent traced by ag2-tracing: a turn ({@code invoke_agent weather_agent}, with
 * {@code ag2.span.type}, {@code gen_ai.operation.name}, {@code gen_ai.agent.name} and
 * {@code gen_ai.agent.description}) and a conversation ({@code conversation weather_agent}, with
 * its id from the {@code conversationId} parameter, the agent name and, at the end, the turns
 * taken). The work is the tool's, so that only the tracing differs.
 */
public class Ag2WeatherAgent {

	@Agent(name = "weather_agent", description = "Answers questions about the weather")
	public String reply(String city, int day) {
		return Forecasts.forecast(city, day);
	}

	@Conversation(agent = "weather_agent")
	public String chat(String conversationId, String city, int day) {
		return Forecasts.forecast(city, day);
	}

}
