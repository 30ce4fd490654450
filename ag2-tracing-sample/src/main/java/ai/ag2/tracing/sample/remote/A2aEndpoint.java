package ai.ag2.tracing.sample.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.a2a.server.ServerCallContext;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentInterface;
import io.a2a.spec.CancelTaskRequest;
import io.a2a.spec.GetTaskRequest;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.SendMessageRequest;
import io.a2a.spec.SendStreamingMessageRequest;
import io.a2a.spec.SendStreamingMessageResponse;
import io.a2a.spec.TransportProtocol;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.a2a.util.Utils;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The A2A SDK's {@link JSONRPCHandler} over Spring MVC's functional endpoints: the agent card at
 * {@code /.well-known/agent-card.json}, JSON-RPC at {@link #PATH}, {@code message/stream} as
 * server-sent events. The SDK's types are read and written with the SDK's own (Jackson 2) mapper.
 * Routes rather than a {@code @RestController}, which the main application's component scan
 * would pick up.
 */
public class A2aEndpoint {

	/** Where the JSON-RPC endpoint listens. */
	public static final String PATH = "/a2a";

	private final JSONRPCHandler handler;

	public A2aEndpoint(JSONRPCHandler handler) {
		this.handler = handler;
	}

	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/.well-known/agent-card.json", this::agentCard)
			.POST(PATH, this::jsonRpc)
			.build();
	}

	private ServerResponse agentCard(ServerRequest request) throws IOException {
		// the card names this service's own address, whatever port it got
		String url = request.uri().resolve(PATH).toString();
		AgentCard card = new AgentCard.Builder(this.handler.getAgentCard()).url(url)
			.additionalInterfaces(List.of(new AgentInterface(TransportProtocol.JSONRPC.asString(), url)))
			.build();
		return json(card);
	}

	private ServerResponse jsonRpc(ServerRequest http) throws Exception {
		JsonNode request = Utils.OBJECT_MAPPER.readTree(http.body(String.class));
		ServerCallContext context = new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), Set.of());
		return switch (request.path("method").asText()) {
			case SendMessageRequest.METHOD -> json(
					this.handler.onMessageSend(Utils.OBJECT_MAPPER.treeToValue(request, SendMessageRequest.class), context));
			case SendStreamingMessageRequest.METHOD -> events(this.handler
				.onMessageSendStream(Utils.OBJECT_MAPPER.treeToValue(request, SendStreamingMessageRequest.class), context));
			case GetTaskRequest.METHOD -> json(
					this.handler.onGetTask(Utils.OBJECT_MAPPER.treeToValue(request, GetTaskRequest.class), context));
			case CancelTaskRequest.METHOD -> json(
					this.handler.onCancelTask(Utils.OBJECT_MAPPER.treeToValue(request, CancelTaskRequest.class), context));
			default -> json(new JSONRPCErrorResponse(request.path("id").asText(null), new MethodNotFoundError()));
		};
	}

	private static ServerResponse json(Object value) throws IOException {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(Utils.OBJECT_MAPPER.writeValueAsString(value));
	}

	private static ServerResponse events(Flow.Publisher<SendStreamingMessageResponse> events) {
		return ServerResponse.sse((sse) -> events.subscribe(new Flow.Subscriber<>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(SendStreamingMessageResponse event) {
				try {
					sse.data(Utils.OBJECT_MAPPER.writeValueAsString(event));
				}
				catch (IOException ex) {
					sse.error(ex);
				}
			}

			@Override
			public void onError(Throwable failure) {
				sse.error(failure);
			}

			@Override
			public void onComplete() {
				sse.complete();
			}

		}), Duration.ofMinutes(1));
	}

}
