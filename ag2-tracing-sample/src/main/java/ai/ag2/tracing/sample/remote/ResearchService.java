package ai.ag2.tracing.sample.remote;

import java.util.List;

import ai.ag2.tracing.sample.SampleProperties;
import ai.ag2.tracing.sample.agents.ConversableAgent;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.LlmConfiguration;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The second application: a research service that serves its researcher agent at
 * {@code POST /agents/researcher} (plain-text question in, plain-text answer out). It runs
 * ag2-tracing too, so its spans continue the caller's trace under its own {@code service.name}.
 * <p>
 * Deliberately not a {@code @Configuration}: the main application's component scan must not
 * pick it up. {@link RemoteAgentServer} starts it.
 */
@EnableAutoConfiguration
@EnableConfigurationProperties(SampleProperties.class)
@Import(LlmConfiguration.class)
public class ResearchService {

	/** Path of the researcher agent. */
	public static final String RESEARCHER_PATH = "/agents/researcher";

	@Bean
	ConversableAgent researcher(LanguageModel llm, SampleProperties properties) {
		return new ConversableAgent("You research the topic and reply with short notes.", llm,
				properties.getLlm().getModel(), List.of());
	}

	@Bean
	ResearchDesk researchDesk(ConversableAgent researcher) {
		return new ResearchDesk(researcher);
	}

	@Bean
	RouterFunction<ServerResponse> researcherRoute(ResearchDesk desk) {
		return RouterFunctions.route()
			.POST(RESEARCHER_PATH, (request) -> ServerResponse.ok().body(desk.answer(request.body(String.class))))
			.build();
	}

}
