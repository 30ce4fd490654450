package ai.ag2.tracing.a2aapp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.ScriptedLlm;
import ai.ag2.tracing.a2aapp.WeatherAgentServer.WeatherAgentExecutor;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCard;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The A2A server with its request handlers built inside the controller bean, so that neither is a
 * bean: the SDK's thread pool gets the request's context only when it is wrapped with
 * {@link Ag2ContextPropagation#wrap(ExecutorService)} ({@code inline.wrap-executor=true}).
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class InlineHandlerServer {

	@Bean
	public AgentCard agentCard() {
		return new WeatherAgentServer().agentCard();
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
	public A2aController a2aController(AgentCard agentCard, WeatherAgentExecutor executor, Environment environment) {
		ExecutorService pool = Executors.newCachedThreadPool();
		if (environment.getProperty("inline.wrap-executor", Boolean.class, false)) {
			pool = Ag2ContextPropagation.wrap(pool);
		}
		InMemoryTaskStore tasks = new InMemoryTaskStore();
		DefaultRequestHandler requestHandler = DefaultRequestHandler.create(executor, tasks,
				new InMemoryQueueManager(tasks), new InMemoryPushNotificationConfigStore(), null, pool);
		return new A2aController(new JSONRPCHandler(agentCard, requestHandler, pool));
	}

}
