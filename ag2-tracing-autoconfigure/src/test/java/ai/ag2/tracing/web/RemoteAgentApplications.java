package ai.ag2.tracing.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Scope;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The two applications of the remote agent tests: an agent server that answers over HTTP with a
 * conversation of its own, and a caller whose remote agent calls it with a RestClient.
 */
final class RemoteAgentApplications {

	private RemoteAgentApplications() {
	}

	/** The remote service: {@code POST /a2a} runs a conversation; helper endpoints for header tests. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentServer {

		@Bean
		ScriptedLlm scriptedLlm() {
			return new ScriptedLlm();
		}

		@Bean
		Planner planner(ScriptedLlm llm) {
			return new Planner(llm);
		}

		@Bean
		PlannerChat plannerChat(Planner planner) {
			return new PlannerChat(planner);
		}

		@Bean
		Delegator delegator(RestClient.Builder builder, Environment environment) {
			return new Delegator(builder.build(), environment);
		}

		@Bean
		AgentServerController agentServerController(PlannerChat chat, Delegator delegator, RestClient.Builder builder,
				Environment environment) {
			return new AgentServerController(chat, delegator, builder.build(), environment);
		}

	}

	/** The calling service: a remote agent whose turn is an HTTP call to the agent server. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentCaller {

		@Bean
		RemotePlanner remotePlanner(RestClient.Builder builder, Environment environment) {
			return new RemotePlanner(builder.baseUrl(environment.getRequiredProperty("remote-planner.url")).build());
		}

	}

	@RestController
	static class AgentServerController {

		private final PlannerChat chat;

		private final Delegator delegator;

		private final RestClient restClient;

		private final Environment environment;

		AgentServerController(PlannerChat chat, Delegator delegator, RestClient restClient, Environment environment) {
			this.chat = chat;
			this.delegator = delegator;
			this.restClient = restClient;
			this.environment = environment;
		}

		@PostMapping("/a2a")
		String a2a(@RequestBody String message) {
			return this.chat.run(message);
		}

		/**
		 * The propagation headers this request arrived with on the wire (not as filters show them),
		 * every line of each ({@code tenant} is the tests' Spring Boot remote baggage field).
		 */
		@GetMapping("/headers")
		Map<String, List<String>> headers(HttpServletRequest request) {
			ServletRequest wire = request;
			while (wire instanceof ServletRequestWrapper wrapper) {
				wire = wrapper.getRequest();
			}
			Map<String, List<String>> found = new LinkedHashMap<>();
			for (String name : List.of("traceparent", "tracestate", "baggage", "tenant")) {
				found.put(name, Collections.list(((HttpServletRequest) wire).getHeaders(name)));
			}
			return found;
		}

		/**
		 * The baggage this request's context holds ({@code seen}), and the headers of two calls
		 * to {@code /headers} ({@code forwarded}): one with that baggage, one after the
		 * application added {@code app.flag=on}.
		 */
		@GetMapping("/baggage-relay")
		Map<String, Object> baggageRelay() {
			String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/headers";
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("seen", Baggage.current().asMap().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().getValue())));
			Map<String, List<String>> plain = fetchHeaders(url);
			Map<String, List<String>> withApplicationBaggage;
			try (Scope scope = Baggage.current().toBuilder().put("app.flag", "on").build().makeCurrent()) {
				withApplicationBaggage = fetchHeaders(url);
			}
			result.put("forwarded", List.of(plain, withApplicationBaggage));
			return result;
		}

		/** Times out after 200 ms, and the application answers the timeout with 200. */
		@GetMapping("/deferred-answered")
		DeferredResult<String> deferredAnswered() {
			return new DeferredResult<>(200L, "fallback");
		}

		/** Times out after 200 ms unanswered: Spring MVC answers 503. */
		@GetMapping("/deferred-unanswered")
		DeferredResult<String> deferredUnanswered() {
			return new DeferredResult<>(200L);
		}

		/** Calls {@code /headers} twice and answers what each call carried. */
		@GetMapping("/relay")
		List<Map<String, List<String>>> relay() {
			String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/headers";
			return List.of(fetchHeaders(url), fetchHeaders(url));
		}

		/** An agent whose turn calls {@code /headers}. */
		@GetMapping("/delegate")
		String delegate() {
			return this.delegator.delegate();
		}

		@GetMapping("/async")
		CompletableFuture<String> async() {
			return CompletableFuture.supplyAsync(() -> "later",
					CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("handler failed");
		}

		@SuppressWarnings("unchecked")
		private Map<String, List<String>> fetchHeaders(String url) {
			return this.restClient.get().uri(url).retrieve().body(Map.class);
		}

	}

	@Agent(name = "remote_planner", description = "Plans trips, in another service", remote = true)
	static class RemotePlanner {

		private final RestClient restClient;

		RemotePlanner(RestClient restClient) {
			this.restClient = restClient;
		}

		public String ask(String question) {
			return this.restClient.post().uri("/a2a").body(question).retrieve().body(String.class);
		}

	}

	/** A local agent that makes an outbound call during its turn. */
	@Agent(name = "delegator")
	static class Delegator {

		private final RestClient restClient;

		private final Environment environment;

		Delegator(RestClient restClient, Environment environment) {
			this.restClient = restClient;
			this.environment = environment;
		}

		public String delegate() {
			String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/headers";
			return this.restClient.get().uri(url).retrieve().body(String.class);
		}

	}

	static class PlannerChat {

		private final Planner planner;

		PlannerChat(Planner planner) {
			this.planner = planner;
		}

		@Conversation(agent = "planner", id = "trip-7")
		public String run(String message) {
			return this.planner.reply(message);
		}

	}

	@Agent(name = "planner")
	static class Planner {

		private final ScriptedLlm llm;

		Planner(ScriptedLlm llm) {
			this.llm = llm;
		}

		public String reply(String message) {
			return this.llm.chat(message);
		}

	}

	@LlmClient(provider = "openai", model = "gpt-4o-mini")
	static class ScriptedLlm {

		private volatile Map<String, String> baggage = Map.of();

		public String chat(String prompt) {
			this.baggage = Baggage.current().asMap().entrySet().stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().getValue()));
			Ag2Span.current().setUsage(12, 5).setFinishReasons("stop");
			return "Take the night train.";
		}

		/** The baggage of the last call's context. */
		Map<String, String> baggage() {
			return this.baggage;
		}

	}

}
