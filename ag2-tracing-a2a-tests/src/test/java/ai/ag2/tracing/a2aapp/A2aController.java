package ai.ag2.tracing.a2aapp;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SDK's {@link JSONRPCHandler} over Spring MVC: the agent card at
 * {@code /.well-known/agent-card.json} (with this server's URL), JSON-RPC requests at {@code /},
 * {@code message/stream} answered as server-sent events. It keeps the propagation headers each
 * request arrived with, as they came on the wire.
 */
@RestController
public class A2aController {

	private static final MediaType JSON = MediaType.APPLICATION_JSON;

	private final JSONRPCHandler handler;

	private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

	public A2aController(JSONRPCHandler handler) {
		this.handler = handler;
	}

	@GetMapping("/.well-known/agent-card.json")
	public ResponseEntity<String> agentCard(HttpServletRequest request) throws IOException {
		String url = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + "/";
		AgentCard card = new AgentCard.Builder(this.handler.getAgentCard()).url(url)
			.additionalInterfaces(List.of(new AgentInterface(TransportProtocol.JSONRPC.asString(), url)))
			.build();
		return json(card);
	}

	@PostMapping("/")
	public Object jsonRpc(@RequestBody String body, HttpServletRequest request) throws IOException {
		this.received.add(wireHeaders(request));
		JsonNode json = Utils.OBJECT_MAPPER.readTree(body);
		ServerCallContext context = new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), Set.of());
		return switch (json.path("method").asText()) {
			case SendMessageRequest.METHOD -> json(this.handler.onMessageSend(
					Utils.OBJECT_MAPPER.treeToValue(json, SendMessageRequest.class), context));
			case SendStreamingMessageRequest.METHOD -> events(this.handler.onMessageSendStream(
					Utils.OBJECT_MAPPER.treeToValue(json, SendStreamingMessageRequest.class), context));
			case GetTaskRequest.METHOD -> json(this.handler.onGetTask(
					Utils.OBJECT_MAPPER.treeToValue(json, GetTaskRequest.class), context));
			case CancelTaskRequest.METHOD -> json(this.handler.onCancelTask(
					Utils.OBJECT_MAPPER.treeToValue(json, CancelTaskRequest.class), context));
			default -> json(new JSONRPCErrorResponse(json.path("id").asText(null), new MethodNotFoundError()));
		};
	}

	private static ResponseEntity<String> json(Object value) throws IOException {
		return ResponseEntity.ok().contentType(JSON).body(Utils.OBJECT_MAPPER.writeValueAsString(value));
	}

	private static SseEmitter events(Flow.Publisher<SendStreamingMessageResponse> events) {
		SseEmitter emitter = new SseEmitter(30_000L);
		events.subscribe(new Flow.Subscriber<>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(SendStreamingMessageResponse event) {
				try {
					emitter.send(SseEmitter.event().data(Utils.OBJECT_MAPPER.writeValueAsString(event)));
				}
				catch (IOException ex) {
					emitter.completeWithError(ex);
				}
			}

			@Override
			public void onError(Throwable failure) {
				emitter.completeWithError(failure);
			}

			@Override
			public void onComplete() {
				emitter.complete();
			}

		});
		return emitter;
	}

	/** The propagation headers of each JSON-RPC request, every line of each, in arrival order. */
	public List<Map<String, List<String>>> received() {
		return this.received;
	}

	public void reset() {
		this.received.clear();
	}

	private static Map<String, List<String>> wireHeaders(HttpServletRequest request) {
		ServletRequest wire = request;
		while (wire instanceof ServletRequestWrapper wrapper) {
			wire = wrapper.getRequest();
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : List.of("traceparent", "tracestate", "baggage")) {
			headers.put(name, Collections.list(((HttpServletRequest) wire).getHeaders(name)));
		}
		return headers;
	}

}
