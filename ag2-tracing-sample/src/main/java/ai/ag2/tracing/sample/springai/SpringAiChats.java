package ai.ag2.tracing.sample.springai;

import ai.ag2.tracing.annotation.Conversation;

import org.springframework.stereotype.Component;

/**
 * A traveller asks the Spring AI forecaster twice, once with a blocking call and once streamed:
 * one conversation, two agent turns, each a model call, a tool call and a second model call.
 */
@Component
public class SpringAiChats {

	private final Forecaster forecaster;

	public SpringAiChats(Forecaster forecaster) {
		this.forecaster = forecaster;
	}

	@Conversation(agent = "traveller", maxTurns = "2")
	public String askForecaster(String city) {
		String blocking = this.forecaster.reply("What will the weather be like in " + city + " tomorrow?");
		String streamed = this.forecaster.replyStreamed("And should I pack an umbrella for " + city + "?");
		return blocking + " / " + streamed;
	}

}
