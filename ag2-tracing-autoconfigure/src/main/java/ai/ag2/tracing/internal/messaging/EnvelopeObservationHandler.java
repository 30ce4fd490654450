package ai.ag2.tracing.internal.messaging;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Envelopes over the brokers whose clients observe their sends and receives with Micrometer
 * (Spring Kafka's template and listener observations, Spring AMQP's, …; off by default in those
 * libraries): registered after Micrometer Tracing's handlers, it sees the PRODUCER span they open
 * and enriches it as the envelope (the {@code ag2-*} headers go into the record headers or
 * message properties through the observation's own setter), and continues a received envelope in
 * the consumer's scope, where the listener runs. Spring Integration's channel sends are traced by
 * the channel interceptor; here their span only gets the envelope's name when it stops.
 * <p>
 * Loaded only with Micrometer Observation and Tracing's OpenTelemetry bridge on the classpath.
 * Internal API: may change without notice.
 */
public final class EnvelopeObservationHandler implements ObservationHandler<Observation.Context> {

	private static final String SPRING_INTEGRATION_SENDER = "org.springframework.integration.support.management.observation.MessageSenderContext";

	private static final ThreadLocal<Deque<Open>> scopes = new ThreadLocal<>();

	// The observation contexts of Spring's messaging libraries name their destination alike.
	private static final ClassValue<@Nullable Method> DESTINATION_ACCESSORS = new ClassValue<>() {

		@Override
		protected @Nullable Method computeValue(Class<?> type) {
			Method method = ReflectionUtils.findMethod(type, "getDestination");
			return (method != null && method.getReturnType() == String.class && method.getParameterCount() == 0)
					? method : null;
		}

	};

	private final Supplier<EnvelopeTracing> tracing;

	public EnvelopeObservationHandler(Supplier<EnvelopeTracing> tracing) {
		this.tracing = tracing;
	}

	/** Messages only: sends of kind PRODUCER and receives of kind CONSUMER, not HTTP's client and server exchanges. */
	@Override
	public boolean supportsContext(Observation.Context context) {
		return isMessageSend(context) || isMessageReceive(context);
	}

	static boolean isMessageSend(Observation.Context context) {
		return context instanceof SenderContext<?> sender && sender.getKind() == Kind.PRODUCER;
	}

	static boolean isMessageReceive(Observation.Context context) {
		return context instanceof ReceiverContext<?> receiver && receiver.getKind() == Kind.CONSUMER;
	}

	@Override
	public void onStart(Observation.Context context) {
		try {
			if (isMessageSend(context)) {
				startSend((SenderContext<?>) context);
			}
			else if (isMessageReceive(context) && context instanceof ReceiverContext<?> receiver) {
				Envelope envelope = this.tracing.get().receive((key) -> header(receiver, key));
				if (envelope != null) {
					receiver.put(Envelope.class, envelope);
				}
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing the envelope of an observed message", ex);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void startSend(SenderContext sender) {
		if (isSpringIntegration(sender) || sender.get(EnvelopeSend.class) != null) {
			return;
		}
		Span span = librarySpan(sender);
		if (span == null) {
			return;
		}
		EnvelopeTracing envelopes = this.tracing.get();
		EnvelopeSend send = envelopes.startSend(destination(sender), Context.current(), span);
		if (send == null) {
			return;
		}
		Object carrier = sender.getCarrier();
		if (carrier != null) {
			envelopes.inject(send, (key, value) -> sender.getSetter().set(carrier, key, value));
		}
		sender.put(EnvelopeSend.class, send);
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		Envelope envelope = isMessageReceive(context) ? context.get(Envelope.class) : null;
		if (envelope == null) {
			return;
		}
		Scope scope = null;
		try {
			EnvelopeTracing envelopes = this.tracing.get();
			Context current = Context.current();
			Envelope handled = Envelope.handledIn(current);
			// on a direct channel the dispatch context names the envelope already
			if (envelopes.linkOnly() || handled == null || !handled.id().equals(envelope.id())) {
				scope = envelopes.consumingContext(current, envelope).makeCurrent();
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("continuing the trace of an observed message", ex);
		}
		Deque<Open> opened = scopes.get();
		if (opened == null) {
			opened = new ArrayDeque<>(4);
			scopes.set(opened);
		}
		opened.push(new Open(context, scope));
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		Deque<Open> opened = scopes.get();
		if (opened == null || opened.isEmpty() || opened.peek().context() != context) {
			return;
		}
		Open open = opened.pop();
		if (opened.isEmpty()) {
			scopes.remove();
		}
		if (open.scope() != null) {
			try {
				open.scope().close();
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("restoring the context after an observed message", ex);
			}
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		EnvelopeSend send = isMessageSend(context) ? context.get(EnvelopeSend.class) : null;
		if (send == null) {
			return;
		}
		try {
			// Micrometer Tracing names the span when it stops, after this handler
			context.setContextualName(send.operation().spanName());
			if (!isSpringIntegration(context)) {
				this.tracing.get().endSend(send, context.getError(), true);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("ending the envelope of an observed message", ex);
		}
	}

	private static boolean isSpringIntegration(Observation.Context context) {
		return context.getClass().getName().equals(SPRING_INTEGRATION_SENDER);
	}

	// The span Micrometer Tracing's handler opened for this observation, as an OpenTelemetry span.
	private static @Nullable Span librarySpan(Observation.Context context) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		io.micrometer.tracing.Span span = (tracing != null) ? tracing.getSpan() : null;
		if (span == null) {
			return null;
		}
		Span otel = (span instanceof OtelSpan) ? OtelSpan.toOtel(span) : null;
		return (otel != null && otel.getSpanContext().isValid()) ? otel : null;
	}

	private static String destination(SenderContext<?> sender) {
		Method accessor = DESTINATION_ACCESSORS.get(sender.getClass());
		if (accessor != null) {
			try {
				Object destination = accessor.invoke(sender);
				if (destination instanceof String name && !name.isBlank()) {
					return name;
				}
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("reading the destination of an observed message", ex);
			}
		}
		String remote = sender.getRemoteServiceName();
		return (remote != null && !remote.isBlank()) ? remote : sender.getName();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static @Nullable String header(ReceiverContext receiver, String key) {
		Object carrier = receiver.getCarrier();
		return (carrier != null) ? receiver.getGetter().get(carrier, key) : null;
	}

	private record Open(Observation.Context context, @Nullable Scope scope) {
	}

}
