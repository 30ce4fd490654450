package ai.ag2.tracing.internal.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The current Micrometer observation, when it is a message send (a {@link SenderContext} of kind
 * PRODUCER: Spring Integration's channel observation, Kafka's and RabbitMQ's template
 * observations; not an HTTP client's exchange) whose tracing handler opened the current span and
 * that no envelope stands for yet. Loaded only with Micrometer Observation and Tracing on the
 * classpath.
 * <p>
 * Internal API: may change without notice.
 */
public final class MicrometerSendSpans implements LibrarySendSpans {

	private final ObservationRegistry registry;

	public MicrometerSendSpans(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public @Nullable LibrarySend current(Context context) {
		Observation observation = this.registry.getCurrentObservation();
		if (observation == null || !(observation.getContext() instanceof SenderContext<?> sender)
				|| sender.getKind() != Kind.PRODUCER || sender.get(EnvelopeSend.class) != null) {
			return null;
		}
		SpanContext current = Span.fromContext(context).getSpanContext();
		if (!current.isValid() || !opened(sender, current)) {
			return null;
		}
		Span span = Span.fromContext(context);
		return new LibrarySend() {

			@Override
			public Span span() {
				return span;
			}

			@Override
			public void adoptedAs(EnvelopeSend send) {
				sender.put(EnvelopeSend.class, send);
			}

		};
	}

	/** Whether the observation's tracing handler opened {@code current}. */
	static boolean opened(Observation.Context context, SpanContext current) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		io.micrometer.tracing.Span span = (tracing != null) ? tracing.getSpan() : null;
		return span != null && current.getSpanId().equals(span.context().spanId())
				&& current.getTraceId().equals(span.context().traceId());
	}

}
