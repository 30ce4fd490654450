package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.LlmClient;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.TextPart;
import io.a2a.spec.TransportProtocol;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.opentelemetry.api.baggage.Baggage;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The A2A server: an {@link AgentExecutor} bean that asks a scripted model, the SDK's
 * {@code DefaultRequestHandler} built without CDI, its {@link JSONRPCHandler} as a bean, and
 * {@link A2aController} serving it over Spring MVC. Nothing in it knows about ag2-tracing: the
 * trace is the starter's doing.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WeatherAgentServer {

	/** The agent card's name, hence the server's agent name. */
	public static final String AGENT_NAME = "weather_agent";

	@Bean
	public AgentCard agentCard() {
		// the URL is the request's own: A2aController serves the card with it
		return new AgentCard.Builder().name(AGENT_NAME)
			.description("Answers questions about the weather")
			.url("http://localhost/")
			.version("1.0.0")
			.capabilities(new AgentCapabilities.Builder().streaming(true).build())
			.defaultInputModes(List.of("text"))
			.defaultOutputModes(List.of("text"))
			.skills(List.of(new AgentSkill.Builder().id("weather")
				.name("Weather")
				.description("Current weather of a city")
				.tags(List.of("weather"))
				.build()))
			.preferredTransport(TransportProtocol.JSONRPC.asString())
			.protocolVersion("0.3.0")
			.build();
	}

	@Bean
	public ScriptedLlm scriptedLlm() {
		return new ScriptedLlm();
	}

	@Bean
	public WeatherAgentExecutor weatherAgentExecutor(ScriptedLlm llm) {
		return new WeatherAgentExecutor(llm);
	}

	@Bean
	public JSONRPCHandler jsonRpcHandler(AgentCard agentCard, WeatherAgentExecutor executor) {
		InMemoryTaskStore tasks = new InMemoryTaskStore();
		DefaultRequestHandler requestHandler = DefaultRequestHandler.create(executor, tasks,
				new InMemoryQueueManager(tasks), new InMemoryPushNotificationConfigStore(), null,
				Executors.newCachedThreadPool());
		return new JSONRPCHandler(agentCard, requestHandler, Executors.newCachedThreadPool());
	}

	@Bean
	public A2aController a2aController(JSONRPCHandler jsonRpcHandler) {
		return new A2aController(jsonRpcHandler);
	}

	/**
	 * Answers with the scripted model's reply as an artifact. A question containing "slowly" waits
	 * (up to ten seconds) for a cancel before answering.
	 */
	public static class WeatherAgentExecutor implements AgentExecutor {

		private final ScriptedLlm llm;

		private volatile CountDownLatch canceled = new CountDownLatch(1);

		private volatile CountDownLatch working = new CountDownLatch(1);

		private volatile Map<String, String> baggage = Map.of();

		public WeatherAgentExecutor(ScriptedLlm llm) {
			this.llm = llm;
		}

		@Override
		public void execute(RequestContext context, EventQueue eventQueue) {
			TaskUpdater updater = new TaskUpdater(context, eventQueue);
			if (context.getTask() == null) {
				updater.submit();
			}
			updater.startWork();
			this.baggage = Baggage.current().asMap().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().getValue()));
			String question = context.getUserInput(" ");
			if (question.contains("slowly")) {
				this.working.countDown();
				try {
					if (this.canceled.await(10, TimeUnit.SECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			String answer = this.llm.chat(question);
			updater.addArtifact(List.of(new TextPart(answer)), null, "answer", null);
			updater.complete();
		}

		@Override
		public void cancel(RequestContext context, EventQueue eventQueue) {
			new TaskUpdater(context, eventQueue).cancel();
			this.canceled.countDown();
		}

		/** Wait until a slow execution has started working. */
		public boolean awaitWorking() throws InterruptedException {
			return this.working.await(10, TimeUnit.SECONDS);
		}

		/** The baggage the last execution ran with. */
		public Map<String, String> baggage() {
			return this.baggage;
		}

		/** Forget what earlier calls left. */
		public void reset() {
			this.canceled = new CountDownLatch(1);
			this.working = new CountDownLatch(1);
			this.baggage = Map.of();
		}

	}

	/** The model the agent asks: a scripted answer with usage, traced as an LLM call. */
	@LlmClient(provider = "openai", model = "gpt-4o-mini")
	public static class ScriptedLlm {

		public static final String ANSWER = "Sunny in Paris, 24 degrees.";

		public String chat(String prompt) {
			Ag2Span.current().setUsage(12, 5).setFinishReasons("stop");
			return ANSWER;
		}

	}

}
