package ai.ag2.tracing.springaia2a;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.a2a.Ag2A2aClientInterceptor;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.test.SpanTree;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.TaskEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfigBuilder;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.events.EventQueue;
import io.a2a.server.tasks.TaskUpdater;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.Task;
import io.a2a.spec.TaskState;
import io.a2a.spec.TextPart;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServerAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring-ai-a2a-server-autoconfigure} 0.2.0 (built for Spring Boot 4.0.1) runs on Spring
 * Boot 4.1.1, and its A2A server gets ag2's trace with no code: the application declares an agent
 * card and an {@code AgentExecutor}; the caller's remote agent uses the A2A SDK's client with
 * ag2's interceptor. (That server answers {@code message/send}; it has no {@code message/stream}.)
 */
class SpringAiA2aTracingTests {

	private static final String[] COMMON = { "management.tracing.sampling.probability=1.0",
			"management.opentelemetry.tracing.export.schedule-delay=10ms",
			"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
			"management.logging.export.otlp.enabled=false", "spring.main.banner-mode=off" };

	@Test
	void itsServerContinuesTheCallersTraceFromA2aExecutionToTheModelCall() throws Exception {
		int port = freePort();
		try (ConfigurableApplicationContext server = start(Server.class, WebApplicationType.SERVLET,
				"spring.application.name=a2a-weather", "server.address=127.0.0.1", "server.port=" + port);
				ConfigurableApplicationContext caller = start(Caller.class, WebApplicationType.NONE,
						"spring.application.name=a2a-caller", "weather-agent.url=http://127.0.0.1:" + port,
						// the caller is no A2A server: the community server's auto-configuration stays off
						"spring.ai.a2a.server.enabled=false")) {
			reset(server);
			reset(caller);

			Task task = caller.getBean(RemoteWeatherAgent.class).ask("What is the weather in Paris?");

			assertThat(task.getStatus().state()).isEqualTo(TaskState.COMPLETED);
			List<SpanData> spans = awaitSpans(6, server, caller);
			assertThat(SpanTree.of(spans).renderWithServices()).isEqualTo("""
					invoke_agent weather_agent [CLIENT] a2a-caller
					  http post / [SERVER] a2a-weather
					    a2a-execution [INTERNAL] a2a-weather
					      conversation weather_agent [INTERNAL] a2a-weather
					        invoke_agent weather_agent [INTERNAL] a2a-weather
					          chat gpt-4o-mini [CLIENT] a2a-weather
					""");
			assertThat(spans).extracting(SpanData::getTraceId).containsOnly(spans.get(0).getTraceId());
			SpanData remote = SpanTree.of(spans).span("invoke_agent weather_agent", "a2a-caller");
			assertThat(remote.getAttributes().asMap()).containsEntry(Ag2Attributes.GEN_AI_AGENT_REMOTE, true)
				.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
				.containsEntry(ServerAttributes.SERVER_PORT, (long) port)
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, task.getContextId())
				.containsEntry(Ag2Attributes.A2A_TASK_ID, task.getId())
				.containsEntry(Ag2Attributes.A2A_TASK_STATE, "completed");
			SpanData conversation = SpanTree.of(spans).span("conversation weather_agent", "a2a-weather");
			assertThat(conversation.getAttributes().asMap())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, task.getContextId())
				.containsEntry(Ag2Attributes.A2A_TASK_ID, task.getId());
			assertThat(SpanTree.of(spans).span("a2a-execution", "a2a-weather").getAttributes().asMap())
				.containsEntry(Ag2Attributes.A2A_METHOD_NAME, "message/send");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Server {

		@Bean
		AgentCard agentCard(@Value("${server.port}") int port) {
			return new AgentCard.Builder().name("weather_agent")
				.description("Answers questions about the weather")
				.url("http://127.0.0.1:" + port + "/")
				.version("1.0.0")
				.capabilities(new AgentCapabilities.Builder().streaming(false).build())
				.defaultInputModes(List.of("text"))
				.defaultOutputModes(List.of("text"))
				.skills(List.of())
				.build();
		}

		@Bean
		ScriptedLlm scriptedLlm() {
			return new ScriptedLlm();
		}

		@Bean
		WeatherAgentExecutor weatherAgentExecutor(ScriptedLlm llm) {
			return new WeatherAgentExecutor(llm);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Caller {

		@Bean
		RemoteWeatherAgent remoteWeatherAgent(Environment environment, Ag2A2aClientInterceptor ag2A2aClientInterceptor)
				throws Exception {
			return new RemoteWeatherAgent(A2A.getAgentCard(environment.getRequiredProperty("weather-agent.url")),
					ag2A2aClientInterceptor);
		}

	}

	public static class WeatherAgentExecutor implements AgentExecutor {

		private final ScriptedLlm llm;

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
			updater.addArtifact(List.of(new TextPart(this.llm.chat(context.getUserInput(" ")))), null, null, null);
			updater.complete();
		}

		@Override
		public void cancel(RequestContext context, EventQueue eventQueue) {
			new TaskUpdater(context, eventQueue).cancel();
		}

	}

	@LlmClient(provider = "openai", model = "gpt-4o-mini")
	public static class ScriptedLlm {

		public String chat(String prompt) {
			Ag2Span.current().setUsage(12, 5).setFinishReasons("stop");
			return "Sunny in Paris, 24 degrees.";
		}

	}

	@Agent(name = "weather_agent", remote = true)
	public static class RemoteWeatherAgent {

		private final Client client;

		public RemoteWeatherAgent(AgentCard card, Ag2A2aClientInterceptor ag2) throws A2AClientException {
			this.client = Client.builder(card)
				.clientConfig(new ClientConfig.Builder().setStreaming(false).build())
				.withTransport(JSONRPCTransport.class, new JSONRPCTransportConfigBuilder().addInterceptor(ag2))
				.build();
		}

		public Task ask(String question) throws A2AClientException {
			AtomicReference<Task> answer = new AtomicReference<>();
			this.client.sendMessage(A2A.toUserMessage(question), List.of((event, card) -> {
				if (event instanceof TaskEvent taskEvent) {
					answer.set(taskEvent.getTask());
				}
			}), (error) -> {
			}, null);
			return answer.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	private static ConfigurableApplicationContext start(Class<?> configuration, WebApplicationType type,
			String... properties) {
		List<String> all = new ArrayList<>(List.of(COMMON));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(configuration, Exporter.class).web(type)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static List<SpanData> finished(ConfigurableApplicationContext context) {
		context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	private static void reset(ConfigurableApplicationContext context) {
		finished(context);
		context.getBean(InMemorySpanExporter.class).reset();
	}

	private static List<SpanData> awaitSpans(int count, ConfigurableApplicationContext... contexts)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		List<SpanData> spans = List.of();
		while (System.nanoTime() < deadline) {
			spans = new ArrayList<>();
			for (ConfigurableApplicationContext context : contexts) {
				spans.addAll(finished(context));
			}
			if (spans.size() >= count) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(10);
		}
		TimeUnit.MILLISECONDS.sleep(100);
		List<SpanData> all = new ArrayList<>();
		for (ConfigurableApplicationContext context : contexts) {
			all.addAll(finished(context));
		}
		return all;
	}

}
