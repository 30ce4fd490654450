package ai.ag2.tracing.a2aapp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.a2a.Ag2A2aClientInterceptor;
import ai.ag2.tracing.annotation.Agent;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.ClientEvent;
import io.a2a.client.TaskEvent;
import io.a2a.client.TaskUpdateEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfigBuilder;
import io.a2a.client.transport.spi.interceptors.ClientCallContext;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.AgentCard;
import io.a2a.spec.Task;
import io.a2a.spec.TaskIdParams;
import io.a2a.spec.TaskStatusUpdateEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The calling application: a remote agent whose turn is a call to {@link WeatherAgentServer} with
 * the A2A SDK's client, given ag2's interceptor.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WeatherAgentCaller {

	@Bean
	public RemoteWeatherAgent remoteWeatherAgent(Environment environment, Ag2A2aClientInterceptor ag2A2aClientInterceptor)
			throws Exception {
		AgentCard card = A2A.getAgentCard(environment.getRequiredProperty("weather-agent.url"));
		return new RemoteWeatherAgent(card, ag2A2aClientInterceptor);
	}

	/** For the tests: when each operation ended. */
	@Bean
	public OperationEnds operationEnds() {
		return new OperationEnds();
	}

	/** The weather agent of the other service, called over A2A. */
	@Agent(name = "weather_agent", description = "Answers about the weather, in another service", remote = true)
	public static class RemoteWeatherAgent {

		private final Client client;

		private final Client streamingClient;

		private final Client pollingClient;

		private final List<StreamEvent> streamEvents = new CopyOnWriteArrayList<>();

		public RemoteWeatherAgent(AgentCard card, Ag2A2aClientInterceptor ag2) throws A2AClientException {
			this.client = Client.builder(card)
				.clientConfig(new ClientConfig.Builder().setStreaming(false).build())
				.withTransport(JSONRPCTransport.class, new JSONRPCTransportConfigBuilder().addInterceptor(ag2))
				.build();
			this.streamingClient = Client.builder(card)
				.withTransport(JSONRPCTransport.class, new JSONRPCTransportConfigBuilder().addInterceptor(ag2))
				.build();
			this.pollingClient = Client.builder(card)
				.clientConfig(new ClientConfig.Builder().setStreaming(false).setPolling(true).build())
				.withTransport(JSONRPCTransport.class, new JSONRPCTransportConfigBuilder().addInterceptor(ag2))
				.build();
		}

		/** {@code message/send}: the task the agent answered with. */
		public Task ask(String question) throws A2AClientException {
			return ask(question, null);
		}

		/** {@code message/send} with the headers of {@code callContext}. */
		public Task ask(String question, @Nullable ClientCallContext callContext) throws A2AClientException {
			AtomicReference<Task> answer = new AtomicReference<>();
			this.client.sendMessage(A2A.toUserMessage(question), List.of((event, card) -> {
				if (event instanceof TaskEvent taskEvent) {
					answer.set(taskEvent.getTask());
				}
			}), (error) -> {
			}, callContext);
			return answer.get();
		}

		/**
		 * {@code message/stream}: the task as it stands at the final status update, which completes
		 * the future; each event is noted with whether this agent's span was current and open.
		 */
		public CompletableFuture<Task> askStreaming(String question) throws A2AClientException {
			CompletableFuture<Task> answer = new CompletableFuture<>();
			BiConsumer<ClientEvent, AgentCard> consumer = Ag2ContextPropagation.wrapConsumer((event, card) -> {
				boolean finalUpdate = event instanceof TaskUpdateEvent update
						&& update.getUpdateEvent() instanceof TaskStatusUpdateEvent status && status.isFinal();
				Span current = Span.current();
				this.streamEvents.add(new StreamEvent(Thread.currentThread().getName(),
						current.getSpanContext().getSpanId(),
						current instanceof ReadableSpan readable && readable.hasEnded(), finalUpdate,
						System.nanoTime()));
				if (finalUpdate) {
					answer.complete(((TaskUpdateEvent) event).getTask());
				}
			});
			this.streamingClient.sendMessage(A2A.toUserMessage(question), List.of(consumer), (error) -> {
				if (error != null) {
					answer.completeExceptionally(error);
				}
			}, null);
			return answer;
		}

		/** {@code message/send} of a question the agent works on until canceled, and no waiting. */
		public Task askWithoutWaiting(String question) throws A2AClientException {
			AtomicReference<Task> answer = new AtomicReference<>();
			this.pollingClient.sendMessage(A2A.toUserMessage(question), List.of((event, card) -> {
				if (event instanceof TaskEvent taskEvent) {
					answer.set(taskEvent.getTask());
				}
			}), (error) -> {
			}, null);
			return answer.get();
		}

		/** {@code tasks/cancel}. */
		public Task cancel(String taskId) throws A2AClientException {
			return this.client.cancelTask(new TaskIdParams(taskId));
		}

		/** The events the streamed calls received, in order (a getter: not a traced turn). */
		public List<StreamEvent> getStreamEvents() {
			return this.streamEvents;
		}

	}

	/**
	 * One event of a stream as the consumer saw it.
	 *
	 * @param thread the thread the consumer ran on
	 * @param currentSpanId the span current in the consumer
	 * @param currentSpanEnded whether that span had ended
	 * @param finalUpdate whether it was the final status update
	 * @param nanoTime when it arrived ({@link System#nanoTime()})
	 */
	public record StreamEvent(String thread, String currentSpanId, boolean currentSpanEnded, boolean finalUpdate,
			long nanoTime) {
	}

}
