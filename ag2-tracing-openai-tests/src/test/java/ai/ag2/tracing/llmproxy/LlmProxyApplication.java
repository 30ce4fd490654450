package ai.ag2.tracing.llmproxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * An OpenAI-compatible LLM proxy built on Spring Boot with the ag2-tracing starter, as a team
 * would put one in front of its models: it continues the caller's trace and answers
 * {@code POST /v1/chat/completions} with a completion of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class LlmProxyApplication {

	public static final String ANSWER = "The proxy says: Paris.";

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	/** The proxy's endpoint (a member class: registered with the configuration); it remembers the {@code traceparent} lines of each request. */
	@RestController
	public static class ChatCompletions {

		private final List<List<String>> traceparents = new CopyOnWriteArrayList<>();

		@PostMapping(path = "/v1/chat/completions", produces = MediaType.APPLICATION_JSON_VALUE)
		String complete(@RequestHeader(name = "traceparent", required = false) List<String> traceparent) {
			this.traceparents.add((traceparent != null) ? List.copyOf(traceparent) : List.of());
			return "{\"id\":\"chatcmpl-proxy-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
					+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
					+ "\"content\":\"" + ANSWER + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
					+ "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":5,\"total_tokens\":16}}";
		}

		public List<List<String>> traceparents() {
			return List.copyOf(this.traceparents);
		}

	}

}
