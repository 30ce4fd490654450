package ai.ag2.tracing.sample.remote;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.ag2.tracing.sample.SampleProperties;
import ai.ag2.tracing.sample.agents.ConversableAgent;
import ai.ag2.tracing.sample.llm.LanguageModel;
import ai.ag2.tracing.sample.llm.LlmConfiguration;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The second application: a research service that serves its researcher agent at
 * {@code POST /agents/researcher} (plain-text question in, plain-text answer out), and its
 * {@code tech_agent} over A2A with the A2A Java SDK's JSON-RPC server ({@link A2aEndpoint}). It
 * runs ag2-tracing too, so its spans continue the caller's trace under its own
 * {@code service.name}.
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
	AgentCard techAgentCard() {
		// A2aEndpoint serves it with this service's own URL
		return new AgentCard.Builder().name("tech_agent")
			.description("Solves technical problems, over A2A")
			.url("http://127.0.0.1" + A2aEndpoint.PATH)
			.version("1.0.0")
			.capabilities(new AgentCapabilities.Builder().streaming(true).build())
			.defaultInputModes(List.of("text"))
			.defaultOutputModes(List.of("text"))
			.skills(List.of(new AgentSkill.Builder().id("debugging")
				.name("Debugging")
				.description("Finds why a program fails")
				.tags(List.of("debugging"))
				.build()))
			.build();
	}

	@Bean
	TechAgentExecutor techAgentExecutor(LanguageModel llm, SampleProperties properties) {
		return new TechAgentExecutor(llm, properties.getLlm().getModel());
	}

	@Bean
	ExecutorService a2aExecutor() {
		return Executors.newCachedThreadPool();
	}

	// A bean: ag2-tracing then carries each request's trace to the SDK's thread pool, where the executor runs.
	@Bean
	JSONRPCHandler techAgentHandler(AgentCard techAgentCard, TechAgentExecutor techAgentExecutor,
			ExecutorService a2aExecutor) {
		InMemoryTaskStore tasks = new InMemoryTaskStore();
		DefaultRequestHandler requestHandler = DefaultRequestHandler.create(techAgentExecutor, tasks,
				new InMemoryQueueManager(tasks), new InMemoryPushNotificationConfigStore(), null, a2aExecutor);
		return new JSONRPCHandler(techAgentCard, requestHandler, a2aExecutor);
	}

	@Bean
	RouterFunction<ServerResponse> techAgentRoutes(JSONRPCHandler techAgentHandler) {
		return new A2aEndpoint(techAgentHandler).routes();
	}

	@Bean
	RouterFunction<ServerResponse> researcherRoute(ResearchDesk desk) {
		return RouterFunctions.route()
			.POST(RESEARCHER_PATH, (request) -> ServerResponse.ok().body(desk.answer(request.body(String.class))))
			.build();
	}

}
