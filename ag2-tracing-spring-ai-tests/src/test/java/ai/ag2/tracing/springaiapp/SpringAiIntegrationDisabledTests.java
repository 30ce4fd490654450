package ai.ag2.tracing.springaiapp;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.FakeOpenAiEndpoint;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ag2.tracing.integrations.spring-ai.enabled=false} ag2 leaves Spring AI's
 * observations to Micrometer: its spans come as Spring AI and Micrometer make them (INTERNAL,
 * every value a string), and ag2's {@code @Tool} on a Spring AI tool method is a span of its own.
 */
@SpringBootTest(properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=gpt-4o-mini",
		"management.tracing.sampling.probability=1.0", "management.otlp.metrics.export.enabled=false",
		"ag2.tracing.integrations.spring-ai.enabled=false" })
class SpringAiIntegrationDisabledTests {

	private static final FakeOpenAiEndpoint endpoint = SpringAiChatTracingTests.startEndpoint();

	@Autowired
	private SpringAiApplication.Chats chats;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void endpointProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", endpoint::baseUrl);
	}

	@AfterAll
	static void stopEndpoint() {
		endpoint.close();
	}

	@Test
	void spanOfSpringAiObservationsAreMicrometersOwn() {
		String answer = this.chats.ask(SpringAiChatTracingTests.QUESTION);

		assertThat(answer).isEqualTo(SpringAiChatTracingTests.ANSWER);
		assertThat(this.context.getBeanNamesForType(
				ai.ag2.tracing.internal.springai.SpringAiObservationHandler.class)).isEmpty();
		List<SpanData> trace = SpanTree.awaitTrace(this.tracerProvider, this.spans, SpringAiChatTracingTests.CONVERSATION, 12).spans();
		List<SpanData> chats = SpanTree.of(trace).all(SpringAiChatTracingTests.CHAT);
		assertThat(chats).hasSize(2).allSatisfy((chat) -> {
			assertThat(chat.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(chat.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE)).isNull();
			assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.input_tokens"))).isNotNull();
		});
		assertThat(chats.get(0).getAttributes().get(AttributeKey.stringKey("gen_ai.response.finish_reasons")))
			.isEqualTo("[\"TOOL_CALLS\"]");
		assertThat(SpanTree.of(trace).all(SpringAiChatTracingTests.TOOL)).hasSize(2);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
