package ai.ag2.tracing.messaging;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.messaging.KafkaReviewApplication.ReviewLoop;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static ai.ag2.tracing.messaging.EnvelopeAssertions.assertEnvelope;
import static ai.ag2.tracing.messaging.EnvelopeAssertions.assertLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents over Kafka topics, through an embedded KRaft broker in this JVM (no Docker), with Spring
 * Boot's Kafka auto-configuration and Spring Kafka's template and listener observations on: each
 * send is one PRODUCER span, Kafka's own, enriched as the envelope, and the {@code ag2-*} headers
 * ride in the record headers.
 */
class KafkaEnvelopeTracingTests {

	private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "reviews", "replies", "archive");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(KafkaReviewApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.schedule-delay=10ms",
					"management.otlp.metrics.export.enabled=false",
					"spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"spring.kafka.consumer.auto-offset-reset=earliest",
					"spring.kafka.template.observation-enabled=true",
					"spring.kafka.listener.observation-enabled=true")
			.properties(properties)
			.run();
	}

	@Test
	void agentsOverKafkaMakeOneTreeWithKafkasProducerSpansEnrichedAsTheEnvelopes() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(ReviewLoop.class).review("check the budget"))
				.isEqualTo("filed: approved: check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 11);
			assertThat(tree.render()).isEqualTo("""
					conversation planner [INTERNAL]
					  invoke_agent planner [INTERNAL]
					    send reviews [PRODUCER]
					      reviews process [CONSUMER]
					        invoke_agent reviewer [INTERNAL]
					          send replies [PRODUCER]
					            replies process [CONSUMER]
					              invoke_agent planner [INTERNAL]
					                send archive [PRODUCER]
					                  archive process [CONSUMER]
					                    invoke_agent archivist [INTERNAL]
					""");
			List<SpanData> producers = tree.spans().stream().filter((span) -> span.getKind() == SpanKind.PRODUCER).toList();
			assertThat(producers).extracting(SpanData::getName)
				.containsExactlyInAnyOrder("send reviews", "send replies", "send archive");
			for (SpanData producer : producers) {
				// Spring Kafka's own span, with ag2's envelope on it
				assertThat(producer.getAttributes().get(MESSAGING_SYSTEM)).isEqualTo("kafka");
				assertThat(producer.getInstrumentationScopeInfo().getName()).isNotEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			}
			SpanData conversation = tree.span("conversation planner");
			assertThat(tree.spans()).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(conversation.getTraceId()));

			Deliveries deliveries = context.getBean(Deliveries.class);
			SpanData reviews = tree.span("send reviews");
			SpanData replies = tree.span("send replies");
			SpanData archive = tree.span("send archive");
			assertEnvelope(reviews, "reviews", "planner", null, deliveries.of("reviewer"));
			assertEnvelope(replies, "replies", "reviewer", reviews, deliveries.of("planner"));
			assertEnvelope(archive, "archive", "planner", replies, deliveries.of("archivist"));
			assertThat(deliveries.of("reviewer").thread()).startsWith("reviewer-");

			SpanData reviewer = tree.span("invoke_agent reviewer");
			assertLink(reviewer, reviews);
			assertLink(tree.all("invoke_agent planner").get(1), replies);
			assertLink(tree.span("invoke_agent archivist"), archive);
			assertThat(tree.parentOf(reviewer).getName()).isEqualTo("reviews process");
			assertThat(reviewer.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("review-7");
			assertThat(tree.span("invoke_agent archivist").getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID))
				.isEqualTo("review-7");
		}
	}

	@Test
	void inLinkModeEachAgentTurnOverKafkaIsATraceOfItsOwnLinkedToItsEnvelope() throws Exception {
		try (ConfigurableApplicationContext context = start("ag2.tracing.network.inbound=link")) {
			context.getBean(ReviewLoop.class).review("check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 11);
			assertThat(tree.render()).isEqualTo("""
					conversation planner [INTERNAL]
					  invoke_agent planner [INTERNAL]
					    send reviews [PRODUCER]
					      reviews process [CONSUMER]
					invoke_agent reviewer [INTERNAL]
					  send replies [PRODUCER]
					    replies process [CONSUMER]
					invoke_agent planner [INTERNAL]
					  send archive [PRODUCER]
					    archive process [CONSUMER]
					invoke_agent archivist [INTERNAL]
					""");
			SpanData reviews = tree.span("send reviews");
			SpanData reviewer = tree.span("invoke_agent reviewer");
			SpanData plannerOnReply = tree.all("invoke_agent planner").get(1);
			SpanData archivist = tree.span("invoke_agent archivist");
			assertThat(List.of(reviews.getTraceId(), reviewer.getTraceId(), plannerOnReply.getTraceId(),
					archivist.getTraceId())).doesNotHaveDuplicates();
			assertLink(reviewer, reviews);
			assertLink(plannerOnReply, tree.span("send replies"));
			assertLink(archivist, tree.span("send archive"));
			Deliveries deliveries = context.getBean(Deliveries.class);
			assertEnvelope(tree.span("send replies"), "replies", "reviewer", reviews, deliveries.of("planner"));
			for (SpanData turn : List.of(reviewer, plannerOnReply, archivist)) {
				assertThat(turn.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("review-7");
			}
		}
	}

}
