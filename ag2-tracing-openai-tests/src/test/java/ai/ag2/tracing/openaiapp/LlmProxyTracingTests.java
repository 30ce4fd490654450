package ai.ag2.tracing.openaiapp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.llmproxy.LlmProxyApplication;
import ai.ag2.tracing.openaiapp.ResearchApplication.ResearchChats;
import ai.ag2.tracing.openaiapp.ResearchApplication.Researcher;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM-proxy scenario: the agent's OpenAI SDK client talks to an LLM proxy (a servlet
 * application with the starter, in this JVM on a port of its own, its own
 * {@code spring.application.name}) that continues the trace. The proxy's server span is a child of
 * the HTTP child of the agent's {@code chat} span, in the conversation's trace.
 */
@SpringBootTest(properties = { "app.openai.api-key=test-key", "management.tracing.sampling.probability=1.0",
		"management.otlp.metrics.export.enabled=false", "spring.application.name=agent-app" })
class LlmProxyTracingTests {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final ConfigurableApplicationContext proxy = new SpringApplicationBuilder(LlmProxyApplication.class)
		.web(WebApplicationType.SERVLET)
		.properties("spring.application.name=llm-proxy", "server.port=0", "server.address=127.0.0.1",
				"management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=10ms",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
				"management.logging.export.otlp.enabled=false", "spring.main.banner-mode=off")
		.run();

	@Autowired
	private ResearchChats chats;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void proxyIsTheEndpoint(DynamicPropertyRegistry registry) {
		registry.add("app.openai.base-url", () -> "http://127.0.0.1:"
				+ ((WebServerApplicationContext) proxy).getWebServer().getPort() + "/v1");
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@Test
	void proxysServerSpanHangsUnderTheAgentsChatSpanInTheConversationsTrace() {
		assertThat(this.chats.run((researcher) -> researcher.ask("What is the capital of France?")))
			.isEqualTo(LlmProxyApplication.ANSWER);

		List<SpanData> all = awaitSpans(6);
		SpanData conversation = SpanTree.of(all).span("conversation user_proxy");
		SpanData chat = SpanTree.of(all).span("chat gpt-4o-mini");
		SpanData post = SpanTree.of(all).span("POST");
		SpanData proxyServer = all.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no server span of the proxy in\n" + SpanTree.of(all).render()));
		assertThat(SpanTree.of(all).render()).isEqualTo("""
				conversation user_proxy [INTERNAL]
				  invoke_agent researcher [INTERNAL]
				    chat gpt-4o-mini [CLIENT]
				      POST [CLIENT]
				        http post /v1/chat/completions [SERVER]
				          a2a-execution [INTERNAL]
				""");
		assertThat(proxyServer.getParentSpanId()).isEqualTo(post.getSpanId());
		assertThat(post.getParentSpanId()).isEqualTo(chat.getSpanId());
		assertThat(proxyServer.getTraceId()).isEqualTo(conversation.getTraceId());
		assertThat(proxyServer.getResource().getAttribute(SERVICE_NAME)).isEqualTo("llm-proxy");
		assertThat(chat.getResource().getAttribute(SERVICE_NAME)).isEqualTo("agent-app");
		assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_RESPONSE_ID)).isEqualTo("chatcmpl-proxy-1");
		assertThat(proxy.getBean(LlmProxyApplication.ChatCompletions.class).traceparents()).singleElement()
			.satisfies((lines) -> assertThat(lines).hasSize(1));
	}

	private List<SpanData> awaitSpans(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		List<SpanData> finished = finishedSpans();
		while (finished.size() < count && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finished = finishedSpans();
		}
		return finished;
	}

	private List<SpanData> finishedSpans() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		proxy.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
		List<SpanData> all = new ArrayList<>(this.spans.getFinishedSpanItems());
		all.addAll(proxy.getBean(InMemorySpanExporter.class).getFinishedSpanItems());
		return all;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
