package ai.ag2.tracing.sample.remote;

import ai.ag2.tracing.annotation.Agent;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A remote agent: {@code @Agent(remote = true)} makes each call an {@code invoke_agent
 * remote_researcher} CLIENT span; the {@link RestClient} comes from Spring Boot's
 * {@code RestClient.Builder}, so the request carries the trace context to the research service.
 */
@Component
@Agent(name = "remote_researcher", description = "A researcher served by another service over HTTP",
		remote = true)
public class RemoteResearcher {

	private final RestClient http;

	public RemoteResearcher(RestClient.Builder builder, RemoteAgentServer server) {
		this.http = builder.baseUrl(server.baseUrl()).build();
	}

	public String reply(String question) {
		String answer = this.http.post()
			.uri(ResearchService.RESEARCHER_PATH)
			.contentType(MediaType.TEXT_PLAIN)
			.body(question)
			.retrieve()
			.body(String.class);
		return (answer != null) ? answer : "";
	}

}
