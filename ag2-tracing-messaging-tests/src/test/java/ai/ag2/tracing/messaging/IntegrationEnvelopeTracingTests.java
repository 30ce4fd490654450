package ai.ag2.tracing.messaging;

import java.util.List;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.messaging.Deliveries.Delivery;
import ai.ag2.tracing.messaging.IntegrationReviewApplication.Planner;
import ai.ag2.tracing.messaging.IntegrationReviewApplication.ReviewLoop;
import ai.ag2.tracing.messaging.IntegrationReviewApplication.Reviewer;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandlingException;

import static ai.ag2.tracing.messaging.EnvelopeAssertions.assertEnvelope;
import static ai.ag2.tracing.messaging.EnvelopeAssertions.assertLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents over Spring Integration channels (configured by hand), with and without Spring
 * Integration's own observations: with them on, each send is still one PRODUCER span, theirs,
 * enriched as the envelope.
 */
class IntegrationEnvelopeTracingTests {

	private static final String OBSERVED_TREE = """
			conversation planner [INTERNAL]
			  invoke_agent planner [INTERNAL]
			    send reviews [PRODUCER]
			      reviewer.review.serviceActivator receive [CONSUMER]
			        invoke_agent reviewer [INTERNAL]
			        send replies [PRODUCER]
			          plannerInbox.file.serviceActivator receive [CONSUMER]
			            invoke_agent planner [INTERNAL]
			            send archive [PRODUCER]
			              archivist.keep.serviceActivator receive [CONSUMER]
			                invoke_agent archivist [INTERNAL]
			""";

	static ConfigurableApplicationContext start(String[] properties, Class<?>... configurations) {
		return new SpringApplicationBuilder(IntegrationReviewApplication.class).sources(configurations)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.schedule-delay=10ms",
					"management.otlp.metrics.export.enabled=false")
			.properties(properties)
			.run();
	}

	static ConfigurableApplicationContext start(Class<?>... configurations) {
		return start(new String[0], configurations);
	}

	@Test
	void withSpringIntegrationsObservationsEachSendIsOneProducerSpanEnrichedAsTheEnvelope() throws Exception {
		try (ConfigurableApplicationContext context = start(IntegrationChannels.DirectChannels.class,
				IntegrationChannels.Observed.class)) {
			assertThat(context.getBean(ReviewLoop.class).review("check the budget"))
				.isEqualTo("filed: approved: check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 11);
			assertThat(tree.render()).isEqualTo(OBSERVED_TREE);
			assertThat(tree.spans()).filteredOn((span) -> span.getKind() == SpanKind.PRODUCER)
				.extracting(SpanData::getName)
				.containsExactlyInAnyOrder("send reviews", "send replies", "send archive");
			for (SpanData envelope : tree.all("send reviews")) {
				// Spring Integration's own span: its attributes and ag2's on one span
				assertThat(envelope.getAttributes().asMap())
					.containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("spring.integration.type"),
							"producer")
					.containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "envelope");
				assertThat(envelope.getInstrumentationScopeInfo().getName()).isNotEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			}
			assertEnvelopeChain(tree, context.getBean(Deliveries.class));
			// the receiving turns hang under Spring Integration's handler spans, and link to the envelope
			assertThat(tree.parentOf(tree.span("invoke_agent reviewer")).getName())
				.isEqualTo("reviewer.review.serviceActivator receive");
			assertThat(tree.parentOf(tree.parentOf(tree.span("invoke_agent reviewer"))))
				.isEqualTo(tree.span("send reviews"));
		}
	}

	@Test
	void withoutSpringIntegrationsObservationsAg2MakesTheProducerSpans() throws Exception {
		try (ConfigurableApplicationContext context = start(IntegrationChannels.DirectChannels.class)) {
			context.getBean(ReviewLoop.class).review("check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 8);
			assertThat(tree.render()).isEqualTo("""
					conversation planner [INTERNAL]
					  invoke_agent planner [INTERNAL]
					    send reviews [PRODUCER]
					      invoke_agent reviewer [INTERNAL]
					      send replies [PRODUCER]
					        invoke_agent planner [INTERNAL]
					        send archive [PRODUCER]
					          invoke_agent archivist [INTERNAL]
					""");
			for (SpanData envelope : List.of(tree.span("send reviews"), tree.span("send replies"))) {
				assertThat(envelope.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			}
			assertEnvelopeChain(tree, context.getBean(Deliveries.class));
			assertThat(tree.span("invoke_agent reviewer").getParentSpanId())
				.isEqualTo(tree.span("send reviews").getSpanId());
		}
	}

	@Test
	void executorChannelsKeepTheTraceOnTheirThreads() throws Exception {
		try (ConfigurableApplicationContext context = start(IntegrationChannels.ExecutorChannels.class,
				IntegrationChannels.Observed.class)) {
			context.getBean(ReviewLoop.class).review("check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 11);
			assertThat(tree.render()).isEqualTo(OBSERVED_TREE);
			Deliveries deliveries = context.getBean(Deliveries.class);
			assertThat(List.of(deliveries.of("reviewer"), deliveries.of("planner"), deliveries.of("archivist")))
				.extracting(Delivery::thread)
				.containsOnly("channel-executor");
			assertEnvelopeChain(tree, deliveries);
		}
	}

	@Test
	void inLinkModeEachReceivedEnvelopeStartsANewTraceEvenUnderSpringIntegrationsHandlerSpans() throws Exception {
		try (ConfigurableApplicationContext context = start(new String[] { "ag2.tracing.network.inbound=link" },
				IntegrationChannels.DirectChannels.class, IntegrationChannels.Observed.class)) {
			context.getBean(ReviewLoop.class).review("check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 11);
			// Spring Integration's spans stay the bus's one trace; each agent turn is a trace of its own
			assertThat(tree.render()).isEqualTo("""
					conversation planner [INTERNAL]
					  invoke_agent planner [INTERNAL]
					    send reviews [PRODUCER]
					      reviewer.review.serviceActivator receive [CONSUMER]
					        send replies [PRODUCER]
					          plannerInbox.file.serviceActivator receive [CONSUMER]
					            send archive [PRODUCER]
					              archivist.keep.serviceActivator receive [CONSUMER]
					invoke_agent reviewer [INTERNAL]
					invoke_agent planner [INTERNAL]
					invoke_agent archivist [INTERNAL]
					""");
			SpanData reviews = tree.span("send reviews");
			SpanData reviewer = tree.span("invoke_agent reviewer");
			SpanData plannerOnReply = tree.all("invoke_agent planner").get(1);
			SpanData archivist = tree.span("invoke_agent archivist");
			for (SpanData turn : List.of(reviewer, plannerOnReply, archivist)) {
				assertThat(turn.getParentSpanContext().isValid()).as(turn.getName() + " is a root").isFalse();
				assertThat(turn.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("review-7");
			}
			assertThat(List.of(reviews.getTraceId(), reviewer.getTraceId(), plannerOnReply.getTraceId(),
					archivist.getTraceId())).doesNotHaveDuplicates();
			assertLink(reviewer, reviews);
			assertLink(plannerOnReply, tree.span("send replies"));
			assertLink(archivist, tree.span("send archive"));
			assertEnvelope(tree.span("send replies"), "replies", "reviewer", reviews,
					context.getBean(Deliveries.class).of("planner"));
		}
	}

	@Test
	void inLinkModeWhatAHandlerSendsAfterItsAgentsTurnStartsATraceLinkedToTheEnvelopeItAnswers() throws Exception {
		try (ConfigurableApplicationContext context = start(new String[] { "ag2.tracing.network.inbound=link" },
				IntegrationChannels.DirectChannels.class)) {
			context.getBean(ReviewLoop.class).review("check the budget");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 8);
			assertThat(tree.render()).isEqualTo("""
					conversation planner [INTERNAL]
					  invoke_agent planner [INTERNAL]
					    send reviews [PRODUCER]
					invoke_agent reviewer [INTERNAL]
					send replies [PRODUCER]
					invoke_agent planner [INTERNAL]
					send archive [PRODUCER]
					invoke_agent archivist [INTERNAL]
					""");
			SpanData reviews = tree.span("send reviews");
			SpanData replies = tree.span("send replies");
			SpanData archive = tree.span("send archive");
			assertLink(tree.span("invoke_agent reviewer"), reviews);
			assertLink(replies, reviews);
			assertLink(tree.all("invoke_agent planner").get(1), replies);
			assertLink(archive, replies);
			assertLink(tree.span("invoke_agent archivist"), archive);
			assertThat(reviews.getLinks()).isEmpty();
			Deliveries deliveries = context.getBean(Deliveries.class);
			assertEnvelope(replies, "replies", "reviewer", reviews, deliveries.of("planner"));
			assertEnvelope(archive, "archive", "planner", replies, deliveries.of("archivist"));
		}
	}

	@Test
	void aChannelWithoutSubscribersFailsTheSendAsBeforeAndMarksTheEnvelope() throws Exception {
		Exception withoutAg2;
		try (ConfigurableApplicationContext context = start(
				new String[] { "ag2.tracing.integrations.messaging.enabled=false" },
				IntegrationChannels.DirectChannels.class, IntegrationChannels.Nowhere.class,
				IntegrationChannels.Observed.class)) {
			withoutAg2 = sendCatching(context.getBean("lostPlanner", Planner.class));
		}
		try (ConfigurableApplicationContext context = start(IntegrationChannels.DirectChannels.class,
				IntegrationChannels.Nowhere.class, IntegrationChannels.Observed.class)) {
			Exception thrown = sendCatching(context.getBean("lostPlanner", Planner.class));
			assertThat(thrown).isInstanceOf(MessageDeliveryException.class).hasSameClassAs(withoutAg2);
			assertThat(thrown.getMessage()).startsWith("Dispatcher has no subscribers for channel 'application.nowhere'");
			assertThat(withoutAg2.getMessage()).startsWith("Dispatcher has no subscribers for channel 'application.nowhere'");

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 2);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent planner [INTERNAL]
					  send nowhere [PRODUCER]
					""");
			assertFailedEnvelope(tree.span("send nowhere"), MessageDeliveryException.class.getName());
		}
	}

	@Test
	void aHandlerThatThrowsMarksTheEnvelopeAndTheSenderGetsTheSameException() throws Exception {
		IllegalStateException rejection = new IllegalStateException("budget over limit");
		try (ConfigurableApplicationContext context = start(IntegrationChannels.DirectChannels.class,
				IntegrationChannels.Observed.class)) {
			context.getBean(Reviewer.class).failWith(rejection);
			Exception thrown = sendCatching(context.getBean("planner", Planner.class));
			assertThat(thrown).isInstanceOf(MessageHandlingException.class).hasCauseReference(rejection);

			SpanTree tree = EnvelopeAssertions.awaitSpans(context, 4);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent planner [INTERNAL]
					  send reviews [PRODUCER]
					    reviewer.review.serviceActivator receive [CONSUMER]
					      invoke_agent reviewer [INTERNAL]
					""");
			assertFailedEnvelope(tree.span("send reviews"), MessageHandlingException.class.getName());
			assertThat(tree.span("invoke_agent reviewer").getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(IllegalStateException.class.getName());
		}
	}

	private static void assertFailedEnvelope(SpanData envelope, String errorType) {
		assertThat(envelope.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(envelope.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo(errorType);
		assertThat(envelope.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE)).isEqualTo("envelope");
		// the exception once, as Spring Integration's observation recorded it
		assertThat(envelope.getEvents()).extracting(EventData::getName).containsExactly("exception");
	}

	private static Exception sendCatching(Planner planner) {
		try {
			planner.plan("check the budget");
		}
		catch (Exception ex) {
			return ex;
		}
		throw new AssertionError("the send did not fail");
	}

	/** Three envelopes, each caused by the one its sender was handling, and the turns linked to them. */
	static void assertEnvelopeChain(SpanTree tree, Deliveries deliveries) {
		SpanData conversation = tree.span("conversation planner");
		for (SpanData span : tree.spans()) {
			assertThat(span.getTraceId()).as(span.getName()).isEqualTo(conversation.getTraceId());
		}
		SpanData reviews = tree.span("send reviews");
		SpanData replies = tree.span("send replies");
		SpanData archive = tree.span("send archive");
		assertEnvelope(reviews, "reviews", "planner", null, deliveries.of("reviewer"));
		assertEnvelope(replies, "replies", "reviewer", reviews, deliveries.of("planner"));
		assertEnvelope(archive, "archive", "planner", replies, deliveries.of("archivist"));
		assertLink(tree.span("invoke_agent reviewer"), reviews);
		assertLink(tree.all("invoke_agent planner").get(1), replies);
		assertLink(tree.span("invoke_agent archivist"), archive);
		assertThat(tree.all("invoke_agent planner").get(0).getLinks()).isEmpty();
		for (String turn : List.of("invoke_agent reviewer", "invoke_agent archivist")) {
			assertThat(tree.span(turn).getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("review-7");
		}
	}

}
