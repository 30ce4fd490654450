package ai.ag2.tracing.web;

import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.web.RemoteAgentApplications.AgentCaller;
import ai.ag2.tracing.web.RemoteAgentApplications.AgentServer;
import ai.ag2.tracing.web.RemoteAgentApplications.RemotePlanner;
import ai.ag2.tracing.web.RemoteAgentApplications.ScriptedLlm;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote agent called over HTTP: two Spring Boot applications in one JVM, each with its own
 * port and {@code service.name}, make one trace.
 */
class RemoteAgentTracingTests {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	@Test
	void remoteAgentCallMakesOneTraceAcrossBothServices() {
		try (RunningService server = RunningService.start("agent-server", WebApplicationType.SERVLET,
				AgentServer.class, RunningService.WITHOUT_HTTP_OBSERVATIONS);
				RunningService caller = startCaller(server, RunningService.WITHOUT_HTTP_OBSERVATIONS)) {
			assertThat(caller.bean(RemotePlanner.class).ask("How do I get to Vienna?"))
				.isEqualTo("Take the night train.");

			SpanTree tree = RunningService.awaitSpans(6, server, caller);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent remote_planner [CLIENT]
					  POST [CLIENT]
					    a2a-execution [SERVER]
					      conversation planner [INTERNAL]
					        invoke_agent planner [INTERNAL]
					          chat gpt-4o-mini [CLIENT]
					""");
			assertRemoteAgentSpan(tree, server);
			SpanData post = tree.span("POST");
			assertThat(post.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-caller");
			assertThat(post.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			assertThat(post.getAttributes().asMap()).containsEntry(HttpAttributes.HTTP_REQUEST_METHOD, "POST")
				.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
				.containsEntry(ServerAttributes.SERVER_PORT, (long) server.port())
				.containsEntry(UrlAttributes.URL_FULL, server.url("/a2a"))
				.containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
			assertA2aExecution(tree.span("a2a-execution"), SpanKind.SERVER);
			assertServerAgentSpans(tree);
		}
	}

	@Test
	void withMicrometerHttpObservationsTheAgentSpansHangUnderA2aExecutionInsideTheServerSpan() {
		try (RunningService server = RunningService.start("agent-server", WebApplicationType.SERVLET,
				AgentServer.class);
				RunningService caller = startCaller(server)) {
			assertThat(caller.bean(RemotePlanner.class).ask("How do I get to Vienna?"))
				.isEqualTo("Take the night train.");

			SpanTree tree = RunningService.awaitSpans(7, server, caller);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent remote_planner [CLIENT]
					  http post [CLIENT]
					    http post /a2a [SERVER]
					      a2a-execution [INTERNAL]
					        conversation planner [INTERNAL]
					          invoke_agent planner [INTERNAL]
					            chat gpt-4o-mini [CLIENT]
					""");
			assertRemoteAgentSpan(tree, server);
			assertThat(tree.span("http post").getResource().getAttributes().get(SERVICE_NAME))
				.isEqualTo("agent-caller");
			assertThat(tree.span("http post /a2a").getResource().getAttributes().get(SERVICE_NAME))
				.isEqualTo("agent-server");
			assertA2aExecution(tree.span("a2a-execution"), SpanKind.INTERNAL);
			assertServerAgentSpans(tree);
		}
	}

	@Test
	void remoteAgentServerKeepsOnlyTheBaggageKeysItAccepts() {
		try (RunningService server = RunningService.start("agent-server", WebApplicationType.SERVLET,
				AgentServer.class, "ag2.tracing.propagation.server.baggage.accepted-keys=user.id");
				RunningService caller = startCaller(server)) {
			Baggage baggage = Baggage.builder().put("user.id", "42").put("role", "admin").build();
			try (Scope scope = baggage.makeCurrent()) {
				assertThat(caller.bean(RemotePlanner.class).ask("How do I get to Vienna?"))
					.isEqualTo("Take the night train.");
			}

			assertThat(server.bean(ScriptedLlm.class).baggage()).isEqualTo(Map.of("user.id", "42"));
			SpanTree tree = RunningService.awaitSpans(7, server, caller);
			assertThat(tree.spans()).allSatisfy((span) -> assertThat(span.getTraceId())
				.isEqualTo(tree.span("invoke_agent remote_planner").getTraceId()));
		}
	}

	@Test
	void remoteAgentServerKeepsNoCallerBaggageByDefault() {
		try (RunningService server = RunningService.start("agent-server", WebApplicationType.SERVLET,
				AgentServer.class);
				RunningService caller = startCaller(server)) {
			try (Scope scope = Baggage.builder().put("role", "admin").build().makeCurrent()) {
				caller.bean(RemotePlanner.class).ask("How do I get to Vienna?");
			}

			assertThat(server.bean(ScriptedLlm.class).baggage()).isEmpty();
		}
	}

	private static RunningService startCaller(RunningService server, String... properties) {
		String[] all = new String[properties.length + 1];
		System.arraycopy(properties, 0, all, 0, properties.length);
		all[properties.length] = "remote-planner.url=" + server.url("");
		return RunningService.start("agent-caller", WebApplicationType.NONE, AgentCaller.class, all);
	}

	private static void assertRemoteAgentSpan(SpanTree tree, RunningService server) {
		SpanData remote = tree.span("invoke_agent remote_planner");
		assertThat(tree.roots()).containsExactly(remote);
		assertThat(remote.getParentSpanContext().isValid()).isFalse();
		assertThat(tree.spans()).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(remote.getTraceId()));
		assertThat(remote.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-caller");
		assertThat(remote.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
			.containsEntry(Ag2Attributes.GEN_AI_OPERATION_NAME, "invoke_agent")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "remote_planner")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_DESCRIPTION, "Plans trips, in another service")
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_REMOTE, true)
			.containsEntry(ServerAttributes.SERVER_ADDRESS, "127.0.0.1")
			.containsEntry(ServerAttributes.SERVER_PORT, (long) server.port());
	}

	private static void assertA2aExecution(SpanData a2a, SpanKind kind) {
		assertThat(a2a.getKind()).isEqualTo(kind);
		assertThat(a2a.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-server");
		assertThat(a2a.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		assertThat(a2a.getAttributes().asMap()).containsOnlyKeys(Ag2Attributes.AG2_SPAN_TYPE,
				HttpAttributes.HTTP_REQUEST_METHOD, UrlAttributes.URL_PATH, HttpAttributes.HTTP_RESPONSE_STATUS_CODE);
		assertThat(a2a.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "a2a_execution")
			.containsEntry(HttpAttributes.HTTP_REQUEST_METHOD, "POST")
			.containsEntry(UrlAttributes.URL_PATH, "/a2a")
			.containsEntry(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
	}

	private static void assertServerAgentSpans(SpanTree tree) {
		SpanData conversation = tree.span("conversation planner");
		SpanData planner = tree.span("invoke_agent planner");
		SpanData chat = tree.span("chat gpt-4o-mini");
		for (SpanData span : new SpanData[] { conversation, planner, chat }) {
			assertThat(span.getResource().getAttributes().get(SERVICE_NAME)).as(span.getName())
				.isEqualTo("agent-server");
			assertThat(span.getAttributes().asMap()).as(span.getName())
				.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, "trip-7")
				.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, "planner");
		}
		assertThat(conversation.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "conversation")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_TURNS, 1L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS, 12L)
			.containsEntry(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS, 5L);
		assertThat(planner.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "agent")
			.doesNotContainKey(Ag2Attributes.GEN_AI_AGENT_REMOTE)
			.doesNotContainKey(ServerAttributes.SERVER_ADDRESS);
		assertThat(chat.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "llm")
			.containsEntry(Ag2Attributes.GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
			.containsEntry(Ag2Attributes.GEN_AI_PROVIDER_NAME, "openai");
	}

}
