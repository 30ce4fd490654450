package ai.ag2.tracing.sample.agents;

import java.util.List;

import ai.ag2.tracing.sample.SampleProperties;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.ScriptedLlm;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agents of the walkthrough. Each bean name is the agent's name in the trace.
 */
@Configuration(proxyBeanMethods = false)
public class AgentsConfiguration {

	@Bean
	ConversableAgent assistant(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent("You are a helpful assistant. Reply concisely in one or two sentences.", llm,
				properties.getLlm().getModel(), List.of());
	}

	@Bean(name = "tool_agent")
	ConversableAgent toolAgent(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent("Use the get_weather tool to answer weather questions. Reply concisely.", llm,
				properties.getLlm().getModel(), List.of(WeatherTools.GET_WEATHER));
	}

	@Bean
	ConversableAgent researcher(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent("You research the topic and reply with short notes.", llm,
				properties.getLlm().getModel(), List.of());
	}

	@Bean
	ConversableAgent writer(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent("You write a one-line haiku-like summary of the notes.", llm,
				properties.getLlm().getModel(), List.of());
	}

	@Bean(name = "speaker_selector")
	ConversableAgent speakerSelector(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent(ScriptedLlm.SPEAKER_SELECTOR_PROMPT
				+ " Reply with the name of one candidate who has not spoken yet, and nothing else.", llm,
				properties.getLlm().getModel(), List.of());
	}

	@Bean
	ConversableAgent coder(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent(ScriptedLlm.CODER_PROMPT + " Reply with one ```java block holding a public "
				+ "class with a main method. When the output is right, reply TERMINATE.", llm,
				properties.getLlm().getModel(), List.of());
	}

	@Bean(name = "user_proxy")
	UserProxyAgent userProxy(WeatherTools tools, AutomaticHuman human, LocalJavaExecutor executor) {
		return new UserProxyAgent(tools, human, executor);
	}

	@Bean(name = "tool_user")
	UserProxyAgent toolUser(WeatherTools tools, AutomaticHuman human, LocalJavaExecutor executor) {
		return new UserProxyAgent(tools, human, executor);
	}

}
