package ai.ag2.tracing.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.autoconfigure.Ag2TracingConsoleAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingMessagingAutoConfiguration;
import ai.ag2.tracing.messaging.ReviewAgents.Archivist;
import ai.ag2.tracing.messaging.ReviewAgents.Delivery;
import ai.ag2.tracing.messaging.ReviewAgents.Planner;
import ai.ag2.tracing.messaging.ReviewAgents.PlannerInbox;
import ai.ag2.tracing.messaging.ReviewAgents.Received;
import ai.ag2.tracing.messaging.ReviewAgents.ReviewLoop;
import ai.ag2.tracing.messaging.ReviewAgents.Reviewer;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents talking over Spring Messaging channels, direct and with executors: the envelopes between
 * their turns, the headers the handlers receive, the links and causation chain, link mode and a
 * dispatch that fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChannelEnvelopeTracingTests {

	private static final String REVIEW_TREE = """
			conversation planner [INTERNAL]
			  invoke_agent planner [INTERNAL]
			    send reviews [PRODUCER]
			      invoke_agent reviewer [INTERNAL]
			        send replies [PRODUCER]
			          invoke_agent planner [INTERNAL]
			            send archive [PRODUCER]
			              invoke_agent archivist [INTERNAL]
			""";

	private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(AutoConfigurations.of(Ag2TracingMessagingAutoConfiguration.class))
		.withUserConfiguration(ReviewNetwork.class);

	@Test
	void agentsOnDirectChannelsMakeOneTreeWithTheEnvelopesBetweenTheirTurns() {
		this.runner.withUserConfiguration(DirectChannels.class).run((context) -> {
			String verdict = context.getBean(ReviewLoop.class).review("check the budget");
			assertThat(verdict).isEqualTo("filed: approved: check the budget");

			SpanTree tree = TracingContextRunners.awaitSpans(context, 8);
			assertThat(tree.render()).isEqualTo(REVIEW_TREE);
			assertEnvelopes(tree, context.getBean(Received.class));
			// the message the reviewer got is the planner's, with the envelope's headers added
			MessageHeaders sent = context.getBean(Planner.class).getLastSent().getHeaders();
			MessageHeaders got = context.getBean(Received.class).of("reviewer").message().getHeaders();
			assertThat(got.getId()).isEqualTo(sent.getId());
			assertThat(got.getTimestamp()).isNotNull();
			assertThat(got).containsAllEntriesOf(Map.of("priority", "high"));
		});
	}

	@Test
	void agentsOnExecutorChannelsKeepTheTraceAcrossThreads() {
		this.runner.withUserConfiguration(ExecutorChannels.class).run((context) -> {
			String caller = Thread.currentThread().getName();
			String verdict = context.getBean(ReviewLoop.class).review("check the budget");
			assertThat(verdict).isEqualTo("filed: approved: check the budget");

			SpanTree tree = TracingContextRunners.awaitSpans(context, 8);
			assertThat(tree.render()).isEqualTo(REVIEW_TREE);
			Received received = context.getBean(Received.class);
			assertThat(received.of("reviewer").thread()).startsWith("reviews-").isNotEqualTo(caller);
			assertThat(received.of("planner").thread()).startsWith("replies-");
			assertThat(received.of("archivist").thread()).startsWith("archive-");
			assertEnvelopes(tree, received);
		});
	}

	private static void assertEnvelopes(SpanTree tree, Received received) {
		SpanData conversation = tree.span("conversation planner");
		String conversationId = conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID);
		assertThat(conversationId).isEqualTo("review-7");
		for (SpanData span : tree.spans()) {
			assertThat(span.getTraceId()).as(span.getName()).isEqualTo(conversation.getTraceId());
			assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).as(span.getName())
				.isEqualTo(conversationId);
		}

		SpanData reviews = tree.span("send reviews");
		SpanData replies = tree.span("send replies");
		SpanData archive = tree.span("send archive");
		Delivery toReviewer = received.of("reviewer");
		Delivery toPlanner = received.of("planner");
		Delivery toArchivist = received.of("archivist");

		assertEnvelope(reviews, "reviews", "planner", null, conversationId, toReviewer);
		assertEnvelope(replies, "replies", "reviewer", reviews, conversationId, toPlanner);
		assertEnvelope(archive, "archive", "planner", replies, conversationId, toArchivist);
		assertThat(toReviewer.header("priority")).as("the sender's own headers").isEqualTo("high");
		assertThat(toReviewer.message().getPayload()).isEqualTo("check the budget");

		// each receiving turn is a child of its envelope and links to it; the sending turns do not link
		assertReceivingTurn(tree, "invoke_agent reviewer", 0, reviews);
		assertReceivingTurn(tree, "invoke_agent planner", 1, replies);
		assertReceivingTurn(tree, "invoke_agent archivist", 0, archive);
		assertThat(tree.all("invoke_agent planner").get(0).getLinks()).isEmpty();
	}

	static void assertEnvelope(SpanData envelope, String channel, String sender, SpanData cause,
			String conversationId, Delivery delivery) {
		assertThat(envelope.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(envelope.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(envelope.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
		String envelopeId = envelope.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
		assertThat(envelopeId).isNotBlank();
		assertThat(envelope.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "envelope")
			.containsEntry(Ag2Attributes.MESSAGING_OPERATION_NAME, "send")
			.containsEntry(Ag2Attributes.MESSAGING_OPERATION_TYPE, "send")
			.containsEntry(Ag2Attributes.MESSAGING_DESTINATION_NAME, channel)
			.containsEntry(Ag2Attributes.MESSAGING_MESSAGE_ID, delivery.message().getHeaders().getId().toString())
			.containsEntry(Ag2Attributes.MESSAGING_MESSAGE_CONVERSATION_ID, conversationId)
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, conversationId)
			.containsEntry(Ag2Attributes.AG2_NETWORK_SENDER, sender)
			.containsEntry(Ag2Attributes.GEN_AI_AGENT_NAME, sender)
			.doesNotContainKey(Ag2Attributes.GEN_AI_OPERATION_NAME);
		// the headers the handler received
		assertThat(delivery.header("traceparent"))
			.matches("00-" + envelope.getTraceId() + "-" + envelope.getSpanId() + "-0[13]");
		assertThat(delivery.header(Ag2Attributes.HEADER_ENVELOPE_ID)).isEqualTo(envelopeId);
		assertThat(delivery.header(Ag2Attributes.HEADER_SENDER)).isEqualTo(sender);
		assertThat(delivery.header(Ag2Attributes.HEADER_CONVERSATION_ID)).isEqualTo(conversationId);
		if (cause == null) {
			assertThat(envelope.getAttributes().get(Ag2Attributes.AG2_NETWORK_CAUSATION_ID)).isNull();
			assertThat(delivery.header(Ag2Attributes.HEADER_CAUSATION_ID)).isNull();
		}
		else {
			String causeId = cause.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
			assertThat(envelope.getAttributes().get(Ag2Attributes.AG2_NETWORK_CAUSATION_ID)).isEqualTo(causeId);
			assertThat(delivery.header(Ag2Attributes.HEADER_CAUSATION_ID)).isEqualTo(causeId);
		}
	}

	static void assertReceivingTurn(SpanTree tree, String name, int index, SpanData envelope) {
		SpanData turn = tree.all(name).get(index);
		assertThat(turn.getParentSpanId()).as(name + " parent").isEqualTo(envelope.getSpanId());
		assertLinkedTo(turn, envelope);
	}

	static void assertLinkedTo(SpanData turn, SpanData envelope) {
		assertThat(turn.getLinks()).as(turn.getName() + " links").hasSize(1);
		LinkData link = turn.getLinks().get(0);
		assertThat(link.getSpanContext().getTraceId()).isEqualTo(envelope.getTraceId());
		assertThat(link.getSpanContext().getSpanId()).isEqualTo(envelope.getSpanId());
		assertThat(link.getAttributes().get(Ag2Attributes.AG2_LINK_KIND)).isEqualTo("envelope");
		assertThat(link.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID))
			.isEqualTo(envelope.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID));
	}

	@Test
	void inLinkModeEveryReceivedEnvelopeStartsANewTraceWithOnlyTheLink() {
		this.runner.withUserConfiguration(DirectChannels.class)
			.withPropertyValues("ag2.tracing.network.inbound=link")
			.run((context) -> {
				context.getBean(ReviewLoop.class).review("check the budget");

				SpanTree tree = TracingContextRunners.awaitSpans(context, 8);
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
				SpanData reviewer = tree.span("invoke_agent reviewer");
				SpanData plannerOnReply = tree.all("invoke_agent planner").get(1);
				SpanData archivist = tree.span("invoke_agent archivist");
				for (SpanData turn : List.of(reviewer, plannerOnReply, archivist)) {
					assertThat(turn.getParentSpanContext().isValid()).as(turn.getName()).isFalse();
					assertThat(turn.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("review-7");
				}
				assertThat(List.of(reviews.getTraceId(), reviewer.getTraceId(), plannerOnReply.getTraceId(),
						archivist.getTraceId())).doesNotHaveDuplicates();
				assertLinkedTo(reviewer, reviews);
				assertLinkedTo(plannerOnReply, replies);
				assertLinkedTo(archivist, archive);
				// the chain of causes still runs through the headers and attributes
				Received received = context.getBean(Received.class);
				assertEnvelope(replies, "replies", "reviewer", reviews, "review-7", received.of("planner"));
				assertEnvelope(archive, "archive", "planner", replies, "review-7", received.of("archivist"));
			});
	}

	@Test
	void aHandlerThatThrowsMarksTheEnvelopeAndTheSenderSeesTheSameException() {
		IllegalStateException rejection = new IllegalStateException("budget over limit");
		AtomicReference<Exception> withoutAg2 = new AtomicReference<>();
		this.runner.withUserConfiguration(DirectChannels.class)
			.withPropertyValues("ag2.tracing.integrations.messaging.enabled=false")
			.run((context) -> {
				context.getBean(Reviewer.class).failWith(rejection);
				withoutAg2.set(sendCatching(context.getBean(Planner.class)));
			});
		this.runner.withUserConfiguration(DirectChannels.class).run((context) -> {
			context.getBean(Reviewer.class).failWith(rejection);
			Exception thrown = sendCatching(context.getBean(Planner.class));
			// the channel's own exception, as without ag2, around the very failure the handler threw
			assertThat(thrown).isInstanceOf(MessageDeliveryException.class)
				.hasSameClassAs(withoutAg2.get())
				.hasCauseReference(rejection);
			assertThat(withoutAg2.get()).hasCauseReference(rejection);
			assertThat(((MessageDeliveryException) thrown).getFailedMessage().getPayload())
				.isEqualTo("check the budget");

			SpanTree tree = TracingContextRunners.awaitSpans(context, 3);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent planner [INTERNAL]
					  send reviews [PRODUCER]
					    invoke_agent reviewer [INTERNAL]
					""");
			SpanData envelope = tree.span("send reviews");
			assertThat(envelope.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(envelope.getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(MessageDeliveryException.class.getName());
			assertThat(envelope.getEvents()).extracting(EventData::getName).containsExactly("exception");
			SpanData reviewer = tree.span("invoke_agent reviewer");
			assertThat(reviewer.getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(IllegalStateException.class.getName());
		});
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

	@Test
	void aMessageSentToAChannelWithoutSubscribersMarksItsEnvelopeAndTheSendStillReturnsTrue() {
		this.runner.withUserConfiguration(DirectChannels.class, Nowhere.class).run((context) -> {
			assertThat(context.getBean("lostPlanner", Planner.class).plan("check the budget")).isTrue();

			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent planner [INTERNAL]
					  send nowhere [PRODUCER]
					""");
			SpanData envelope = tree.span("send nowhere");
			assertThat(envelope.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(envelope.getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(MessageDeliveryException.class.getName());
			assertThat(envelope.getEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getAttributes().get(EXCEPTION_MESSAGE))
					.isEqualTo("Channel 'nowhere' has no subscribers: the message was dropped"));
			assertThat(tree.span("invoke_agent planner").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void aSendThatReturnsFalseMarksItsEnvelope() {
		this.runner.withUserConfiguration(DirectChannels.class, Gated.class).run((context) -> {
			assertThat(context.getBean("gatedPlanner", Planner.class).plan("check the budget")).isFalse();

			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			SpanData envelope = tree.span("send gated");
			assertThat(envelope.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(envelope.getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(MessageDeliveryException.class.getName());
			assertThat(envelope.getEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getAttributes().get(EXCEPTION_MESSAGE))
					.isEqualTo("Channel 'gated' did not accept the message (send returned false)"));
		});
	}

	@Test
	void aMessageSentOutsideAnyAg2SpanGoesUntouched() {
		this.runner.withUserConfiguration(DirectChannels.class).run((context) -> {
			ExecutorSubscribableChannel reviews = context.getBean("reviews", ExecutorSubscribableChannel.class);
			MessageHeaders[] seen = new MessageHeaders[1];
			reviews.unsubscribe(context.getBean(Reviewer.class));
			reviews.subscribe((message) -> seen[0] = message.getHeaders());
			reviews.send(MessageBuilder.withPayload("no agent here").build());
			assertThat(seen[0].keySet()).containsExactlyInAnyOrder(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
			assertThat(TracingContextRunners.finishedSpans(context)).isEmpty();
		});
	}

	@Test
	void channelsWithContextPropagatingExecutorsKeepTheWholeContext() {
		this.runner.withUserConfiguration(PropagatingExecutorChannels.class).run((context) -> {
			context.getBean(ReviewLoop.class).review("check the budget");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 8);
			assertThat(tree.render()).isEqualTo(REVIEW_TREE);
			assertThat(context.getBean(Received.class).of("reviewer").thread()).startsWith("reviews-");
			assertEnvelopes(tree, context.getBean(Received.class));
		});
	}

	@Test
	void theConsoleTreeShowsTheEnvelopesBetweenTheTurns(CapturedOutput output) {
		this.runner.withUserConfiguration(DirectChannels.class)
			.withConfiguration(AutoConfigurations.of(Ag2TracingConsoleAutoConfiguration.class))
			.withPropertyValues("ag2.tracing.console.enabled=true")
			.run((context) -> {
				context.getBean(ReviewLoop.class).review("check the budget");
				SpanTree tree = TracingContextRunners.awaitSpans(context, 8);
				String reviews = tree.span("send reviews").getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
				String replies = tree.span("send replies").getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
				Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
					.containsPattern("└── send reviews  \\(\\d+(\\.\\d)? ms, from planner, envelope "
							+ reviews.substring(0, 8) + "\\)")
					.containsPattern("send replies  \\(\\d+(\\.\\d)? ms, from reviewer, envelope "
							+ replies.substring(0, 8) + ", caused by " + reviews.substring(0, 8) + "\\)"));
			});
	}

	@Test
	void aPropagatorThatThrowsNeverStopsTheMessage() {
		this.runner.withUserConfiguration(DirectChannels.class)
			.withBean("brokenPropagator", TextMapPropagator.class, BrokenPropagator::new)
			.run((context) -> {
				assertThat(context.getBean(ReviewLoop.class).review("check the budget"))
					.isEqualTo("filed: approved: check the budget");
				SpanTree tree = TracingContextRunners.awaitSpans(context, 8);
				assertThat(tree.spans()).filteredOn((span) -> span.getName().startsWith("send ")).hasSize(3);
				assertThat(context.getBean(Received.class).of("reviewer").header(Ag2Attributes.HEADER_ENVELOPE_ID))
					.isNotNull();
			});
	}

	/** A propagator that fails at everything. */
	static class BrokenPropagator implements TextMapPropagator {

		@Override
		public java.util.Collection<String> fields() {
			return List.of("broken");
		}

		@Override
		public <C> void inject(io.opentelemetry.context.Context context, C carrier,
				io.opentelemetry.context.propagation.TextMapSetter<C> setter) {
			throw new IllegalStateException("inject");
		}

		@Override
		public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context context, C carrier,
				io.opentelemetry.context.propagation.TextMapGetter<C> getter) {
			throw new IllegalStateException("extract");
		}

	}

	/** The agents, subscribed to the channels of the configuration beside. */
	@Configuration(proxyBeanMethods = false)
	static class ReviewNetwork {

		@Bean
		Received received() {
			return new Received();
		}

		@Bean
		Planner planner(@Qualifier("reviews") SubscribableChannel reviews) {
			return new Planner(reviews);
		}

		@Bean
		Reviewer reviewer(@Qualifier("replies") SubscribableChannel replies, Received received) {
			return new Reviewer(replies, received);
		}

		@Bean
		PlannerInbox plannerInbox(@Qualifier("archive") SubscribableChannel archive, Received received) {
			return new PlannerInbox(archive, received);
		}

		@Bean
		Archivist archivist(Received received) {
			return new Archivist(received);
		}

		@Bean
		ReviewLoop reviewLoop(Planner planner, Received received) {
			return new ReviewLoop(planner, received);
		}

		@Bean
		SmartInitializingSingleton subscriptions(@Qualifier("reviews") SubscribableChannel reviews,
				@Qualifier("replies") SubscribableChannel replies, @Qualifier("archive") SubscribableChannel archive,
				Reviewer reviewer, PlannerInbox plannerInbox, Archivist archivist) {
			return () -> {
				reviews.subscribe(reviewer);
				replies.subscribe(plannerInbox);
				archive.subscribe(archivist);
			};
		}

	}

	/** A planner whose channel nobody listens to. */
	@Configuration(proxyBeanMethods = false)
	static class Nowhere {

		@Bean
		ExecutorSubscribableChannel nowhere() {
			return new ExecutorSubscribableChannel();
		}

		@Bean
		Planner lostPlanner(@Qualifier("nowhere") SubscribableChannel nowhere) {
			return new Planner(nowhere);
		}

	}

	/** A planner whose channel has an interceptor that stops every message. */
	@Configuration(proxyBeanMethods = false)
	static class Gated {

		@Bean
		ExecutorSubscribableChannel gated() {
			ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
			channel.addInterceptor(new ChannelInterceptor() {

				@Override
				public Message<?> preSend(Message<?> message, MessageChannel target) {
					return null;
				}

			});
			channel.subscribe((message) -> {
			});
			return channel;
		}

		@Bean
		Planner gatedPlanner(@Qualifier("gated") SubscribableChannel gated) {
			return new Planner(gated);
		}

	}

	/** Channels whose handlers run on the sender's thread, inside the send. */
	@Configuration(proxyBeanMethods = false)
	static class DirectChannels {

		@Bean
		ExecutorSubscribableChannel reviews() {
			return new ExecutorSubscribableChannel();
		}

		@Bean
		ExecutorSubscribableChannel replies() {
			return new ExecutorSubscribableChannel();
		}

		@Bean
		ExecutorSubscribableChannel archive() {
			return new ExecutorSubscribableChannel();
		}

	}

	/** Channels whose executors carry the sender's context to the handler's thread. */
	@Configuration(proxyBeanMethods = false)
	static class PropagatingExecutorChannels {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService pool() {
			return Executors.newFixedThreadPool(3, (task) -> new Thread(task, "reviews-pool"));
		}

		@Bean
		ExecutorSubscribableChannel reviews(ExecutorService pool) {
			return new ExecutorSubscribableChannel(Ag2ContextPropagation.wrap(pool));
		}

		@Bean
		ExecutorSubscribableChannel replies(ExecutorService pool) {
			return new ExecutorSubscribableChannel(Ag2ContextPropagation.wrap(pool));
		}

		@Bean
		ExecutorSubscribableChannel archive(ExecutorService pool) {
			return new ExecutorSubscribableChannel(Ag2ContextPropagation.wrap(pool));
		}

	}

	/** Channels whose handlers run on a thread of their own executor (plain JDK pools). */
	@Configuration(proxyBeanMethods = false)
	static class ExecutorChannels {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService reviewsExecutor() {
			return Executors.newSingleThreadExecutor((task) -> new Thread(task, "reviews-1"));
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService repliesExecutor() {
			return Executors.newSingleThreadExecutor((task) -> new Thread(task, "replies-1"));
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService archiveExecutor() {
			return Executors.newSingleThreadExecutor((task) -> new Thread(task, "archive-1"));
		}

		@Bean
		ExecutorSubscribableChannel reviews(@Qualifier("reviewsExecutor") ExecutorService executor) {
			return new ExecutorSubscribableChannel(executor);
		}

		@Bean
		ExecutorSubscribableChannel replies(@Qualifier("repliesExecutor") ExecutorService executor) {
			return new ExecutorSubscribableChannel(executor);
		}

		@Bean
		ExecutorSubscribableChannel archive(@Qualifier("archiveExecutor") ExecutorService executor) {
			return new ExecutorSubscribableChannel(executor);
		}

	}

}
