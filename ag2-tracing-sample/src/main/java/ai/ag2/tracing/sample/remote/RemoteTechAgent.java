package ai.ag2.tracing.sample.remote;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ai.ag2.tracing.a2a.Ag2A2aClientInterceptor;
import ai.ag2.tracing.annotation.Agent;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.TaskEvent;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfigBuilder;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.Task;

import org.springframework.stereotype.Component;

/**
 * A remote agent over A2A: {@code @Agent(remote = true)} makes each call an {@code invoke_agent
 * tech_agent} CLIENT span, ag2's interceptor on the A2A SDK's transport sends the trace context
 * with every request, and the task it returns gives the span its A2A ids and state.
 */
@Component
@Agent(name = "tech_agent", description = "A technical expert served by another service over A2A", remote = true)
public class RemoteTechAgent {

	private final Client client;

	public RemoteTechAgent(RemoteAgentServer server, Ag2A2aClientInterceptor ag2A2aClientInterceptor)
			throws Exception {
		this.client = Client.builder(A2A.getAgentCard(server.baseUrl()))
			.clientConfig(new ClientConfig.Builder().setStreaming(false).build())
			.withTransport(JSONRPCTransport.class,
					new JSONRPCTransportConfigBuilder().addInterceptor(ag2A2aClientInterceptor))
			.build();
	}

	/** Ask the remote agent ({@code message/send}): the task it answered with. */
	public Task solve(String problem) throws A2AClientException {
		AtomicReference<Task> answer = new AtomicReference<>();
		this.client.sendMessage(A2A.toUserMessage(problem), List.of((event, card) -> {
			if (event instanceof TaskEvent taskEvent) {
				answer.set(taskEvent.getTask());
			}
		}), (error) -> {
		}, null);
		return answer.get();
	}

}
