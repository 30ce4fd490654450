package ai.ag2.tracing.messaging;

import java.time.Duration;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.messaging.Deliveries.Delivery;
import ai.ag2.tracing.test.SpanTree;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every envelope of the review scenarios carries, on its span and in the headers its
 * handler received, and the link of a turn to its envelope.
 */
final class EnvelopeAssertions {

	private EnvelopeAssertions() {
	}

	/** The spans the application exported once at least {@code count} have arrived (or 30 seconds have passed). */
	static SpanTree awaitSpans(ApplicationContext context, int count) {
		return SpanTree.await(context.getBean(SdkTracerProvider.class), context.getBean(InMemorySpanExporter.class),
				Duration.ofSeconds(30), (spans) -> spans.size() >= count);
	}

	/**
	 * {@code envelope} was sent to {@code channel} by {@code sender} while {@code cause} was being
	 * handled (none: {@code null}), and {@code delivery} is what its handler received; a message
	 * id header, when the transport has one, is its {@code messaging.message.id}.
	 */
	static void assertEnvelope(SpanData envelope, String channel, String sender, @Nullable SpanData cause,
			Delivery delivery) {
		assertThat(envelope.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(envelope.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		String id = envelope.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID);
		assertThat(id).isNotBlank();
		assertThat(envelope.getAttributes().asMap()).containsEntry(Ag2Attributes.AG2_SPAN_TYPE, "envelope")
			.containsEntry(Ag2Attributes.MESSAGING_OPERATION_NAME, "send")
			.containsEntry(Ag2Attributes.MESSAGING_DESTINATION_NAME, channel)
			.containsEntry(Ag2Attributes.MESSAGING_MESSAGE_CONVERSATION_ID, "review-7")
			.containsEntry(Ag2Attributes.GEN_AI_CONVERSATION_ID, "review-7")
			.containsEntry(Ag2Attributes.AG2_NETWORK_SENDER, sender)
			.doesNotContainKey(Ag2Attributes.GEN_AI_OPERATION_NAME);
		String messageId = delivery.header("id");
		if (messageId != null) {
			assertThat(envelope.getAttributes().get(Ag2Attributes.MESSAGING_MESSAGE_ID)).isEqualTo(messageId);
		}
		assertThat(delivery.header("traceparent"))
			.matches("00-" + envelope.getTraceId() + "-" + envelope.getSpanId() + "-0[13]");
		assertThat(delivery.header(Ag2Attributes.HEADER_ENVELOPE_ID)).isEqualTo(id);
		assertThat(delivery.header(Ag2Attributes.HEADER_SENDER)).isEqualTo(sender);
		assertThat(delivery.header(Ag2Attributes.HEADER_CONVERSATION_ID)).isEqualTo("review-7");
		String causeId = (cause != null) ? cause.getAttributes().get(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID) : null;
		assertThat(envelope.getAttributes().get(Ag2Attributes.AG2_NETWORK_CAUSATION_ID)).isEqualTo(causeId);
		assertThat(delivery.header(Ag2Attributes.HEADER_CAUSATION_ID)).isEqualTo(causeId);
	}

	static void assertLink(SpanData turn, SpanData envelope) {
		assertThat(turn.getLinks()).as(turn.getName() + " links").hasSize(1);
		LinkData link = turn.getLinks().get(0);
		assertThat(link.getSpanContext().getTraceId()).isEqualTo(envelope.getTraceId());
		assertThat(link.getSpanContext().getSpanId()).isEqualTo(envelope.getSpanId());
		assertThat(link.getAttributes().get(Ag2Attributes.AG2_LINK_KIND)).isEqualTo("envelope");
	}

}
