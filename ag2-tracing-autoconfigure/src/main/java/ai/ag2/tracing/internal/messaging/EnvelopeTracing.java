package ai.ag2.tracing.internal.messaging;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The rules of envelopes, in one place, for every transport adapter (the channel interceptor,
 * the observation handler of Kafka's and RabbitMQ's clients):
 * <ul>
 * <li>a message sent from inside an ag2 span is an envelope: a {@code send {destination}}
 * PRODUCER span through the operation pipeline, or the library's own PRODUCER span enriched when
 * its observation made one;</li>
 * <li>the message carries {@code traceparent}/{@code tracestate} (the application's
 * propagators) and the {@code ag2-*} headers;</li>
 * <li>the handler of a received envelope runs in a context that names the envelope (causation
 * of what it sends, the link of the agent turn) and carries the sender's conversation; in
 * {@code parent} mode under the envelope's span, in {@code link} mode in a new trace.</li>
 * </ul>
 * Nothing here throws into the caller: a failure is reported and the message goes as it was.
 * <p>
 * Internal API: may change without notice.
 */
public final class EnvelopeTracing {

	/** {@link Operation#instrumentation()} of envelope operations. */
	public static final String INSTRUMENTATION = "messaging";

	// Conversations of envelopes still in flight in this JVM, so that a handler on another
	// thread rolls its usage up into the live conversation; weak, so a finished one is let go.
	private static final int MAX_TRACKED_CONVERSATIONS = 1024;

	private static final TextMapGetter<Function<String, @Nullable String>> HEADER_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Function<String, @Nullable String> carrier) {
			return List.of();
		}

		@Override
		public @Nullable String get(@Nullable Function<String, @Nullable String> carrier, String key) {
			return (carrier != null) ? carrier.apply(key) : null;
		}

	};

	private final Ag2Operations operations;

	private final TextMapPropagator propagator;

	private final boolean linkOnly;

	private final Map<String, WeakReference<ConversationState>> conversations = new LinkedHashMap<>(64, 0.75f,
			true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, WeakReference<ConversationState>> eldest) {
			return size() > MAX_TRACKED_CONVERSATIONS;
		}

	};

	/**
	 * @param propagator the application's propagators ({@code OpenTelemetry.getPropagators()})
	 * @param linkOnly whether a received envelope starts a new trace that only links to it
	 */
	public EnvelopeTracing(Ag2Operations operations, TextMapPropagator propagator, boolean linkOnly) {
		this.operations = operations;
		this.propagator = propagator;
		this.linkOnly = linkOnly;
	}

	/** Whether a received envelope starts a new trace that only links to it ({@code network.inbound=link}). */
	public boolean linkOnly() {
		return this.linkOnly;
	}

	/**
	 * Start the envelope of a message about to be sent to {@code destination} in {@code context}.
	 * @param observed the PRODUCER span the library's own observation opened for this send, which
	 * the envelope enriches instead of opening a second span; {@code null} if none
	 * @return the send to finish with {@link #endSend}, or {@code null} when the message is not an
	 * envelope (sent outside any ag2 span) or tracing it failed
	 */
	public @Nullable EnvelopeSend startSend(String destination, Context context, @Nullable Span observed) {
		try {
			Ag2Frame frame = Ag2Frame.from(context);
			if (frame == null) {
				return null;
			}
			Envelope handled = Envelope.handledIn(context);
			String sender = senderOf(frame, context, handled);
			ConversationState conversation = frame.conversation();
			String id = UUID.randomUUID().toString();
			Operation operation = new Operation(Ag2SpanType.ENVELOPE, context, INSTRUMENTATION);
			operation.setSpanName(Ag2Attributes.SPAN_SEND + ' ' + destination);
			operation.setKind(SpanKind.PRODUCER);
			operation.setAttribute(Ag2Attributes.MESSAGING_OPERATION_NAME, Ag2Attributes.MESSAGING_OPERATION_SEND);
			operation.setAttribute(Ag2Attributes.MESSAGING_OPERATION_TYPE, Ag2Attributes.MESSAGING_OPERATION_SEND);
			operation.setAttribute(Ag2Attributes.MESSAGING_DESTINATION_NAME, destination);
			operation.setAttribute(Ag2Attributes.AG2_NETWORK_ENVELOPE_ID, id);
			operation.setIfPresent(Ag2Attributes.AG2_NETWORK_SENDER, sender);
			operation.setIfPresent(Ag2Attributes.AG2_NETWORK_CAUSATION_ID, (handled != null) ? handled.id() : null);
			if (conversation != null) {
				operation.setAttribute(Ag2Attributes.MESSAGING_MESSAGE_CONVERSATION_ID, conversation.id());
			}
			Span parent = (observed != null) ? observed : Span.fromContext(context);
			if (handled != null && !handled.spanContext().getTraceId().equals(parent.getSpanContext().getTraceId())) {
				// in another trace than the envelope it answers (link mode): linked to it instead
				operation.addLink(handled.spanContext(), Attributes.of(Ag2Attributes.AG2_LINK_KIND,
						Ag2Attributes.LINK_KIND_ENVELOPE, Ag2Attributes.AG2_NETWORK_ENVELOPE_ID, handled.id()));
			}
			boolean started = (observed != null) ? this.operations.adopt(operation, observed, context.with(observed))
					: this.operations.start(operation);
			if (!started) {
				return null;
			}
			Envelope envelope = new Envelope(id, sender, (handled != null) ? handled.id() : null,
					(conversation != null) ? conversation.id() : null, operation.span().getSpanContext());
			if (conversation != null) {
				track(id, conversation);
			}
			return new EnvelopeSend(operation, envelope, observed != null);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting the envelope of a message to " + destination, ex);
			return null;
		}
	}

	/**
	 * The headers an envelope carries: the propagators' fields ({@code traceparent},
	 * {@code tracestate}, …) for its span, and the {@code ag2-*} headers; each is set, never added.
	 */
	public void inject(EnvelopeSend send, BiConsumer<String, String> setHeader) {
		try {
			this.propagator.inject(send.operation().context(), setHeader, (carrier, key, value) -> {
				if (carrier != null) {
					carrier.accept(key, value);
				}
			});
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("writing the trace context of an envelope", ex);
		}
		try {
			Envelope envelope = send.envelope();
			setHeader.accept(Ag2Attributes.HEADER_ENVELOPE_ID, envelope.id());
			if (envelope.sender() != null) {
				setHeader.accept(Ag2Attributes.HEADER_SENDER, envelope.sender());
			}
			if (envelope.causationId() != null) {
				setHeader.accept(Ag2Attributes.HEADER_CAUSATION_ID, envelope.causationId());
			}
			if (envelope.conversationId() != null) {
				setHeader.accept(Ag2Attributes.HEADER_CONVERSATION_ID, envelope.conversationId());
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("writing the headers of an envelope", ex);
		}
	}

	/**
	 * The context handlers run in when the envelope is dispatched on the sender's thread (a direct
	 * channel): under the envelope's span, or in a new trace in link mode.
	 */
	public Context dispatchContext(EnvelopeSend send) {
		Context base = this.linkOnly ? Context.root() : send.operation().context();
		return handlingContext(base, send.envelope(), base);
	}

	/**
	 * End the send. On a span the library's observation owns, a failure that observation also saw
	 * (it records the exception itself) only adds {@code error.type} here; any other failure is
	 * recorded in full.
	 * @param failure why the send failed, or {@code null}
	 * @param seenByLibrary whether {@code failure} also reached the observation of an adopted span
	 */
	public void endSend(EnvelopeSend send, @Nullable Throwable failure, boolean seenByLibrary) {
		Operation operation = send.operation();
		if (failure == null || !send.adopted() || !seenByLibrary) {
			this.operations.end(operation, failure);
			return;
		}
		try {
			String type = failure.getClass().getName();
			operation.setErrorType(type);
			String message = failure.getMessage();
			operation.span().setStatus(StatusCode.ERROR, (message != null) ? message : failure.getClass().getSimpleName());
			operation.span().setAttribute(ErrorAttributes.ERROR_TYPE, type);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the failure of an envelope", ex);
		}
		this.operations.end(operation, null);
	}

	/**
	 * The envelope a received message carries, read through {@code header} (a header's value, or
	 * {@code null}); {@code null} when the message is no envelope.
	 */
	public @Nullable Envelope receive(Function<String, @Nullable String> header) {
		try {
			String id = header.apply(Ag2Attributes.HEADER_ENVELOPE_ID);
			if (id == null || id.isBlank()) {
				return null;
			}
			return new Envelope(id, header.apply(Ag2Attributes.HEADER_SENDER),
					header.apply(Ag2Attributes.HEADER_CAUSATION_ID), header.apply(Ag2Attributes.HEADER_CONVERSATION_ID),
					Span.fromContext(extract(Context.root(), header)).getSpanContext());
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the envelope of a received message", ex);
			return null;
		}
	}

	/**
	 * The context a handler of a received envelope runs in, on whatever thread: in parent mode
	 * {@code current} under the envelope's span (taken from the headers), in link mode a new
	 * trace; either way naming the envelope and carrying its conversation.
	 * @param current the context of the handling thread
	 * @param header a header of the received message, or {@code null}
	 */
	public Context receivingContext(Context current, Envelope envelope, Function<String, @Nullable String> header) {
		try {
			Context base = this.linkOnly ? Context.root() : extract(current, header);
			return handlingContext(base, envelope, current);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("continuing the trace of a received envelope", ex);
			return current;
		}
	}

	// A propagator that fails leaves the context as it was: the envelope still names its cause.
	private Context extract(Context context, Function<String, @Nullable String> header) {
		try {
			return this.propagator.extract(context, header, HEADER_GETTER);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the trace context of a received envelope", ex);
			return context;
		}
	}

	/**
	 * The context a handler of a received envelope runs in when the library's consumer span is
	 * current: under that span in parent mode, a new trace in link mode.
	 */
	public Context consumingContext(Context current, Envelope envelope) {
		try {
			return handlingContext(this.linkOnly ? Context.root() : current, envelope, current);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("continuing the trace of a received envelope", ex);
			return current;
		}
	}

	// The agent in whose turn the message is sent; after the turn that handled an envelope, that
	// agent (its handler sends the reply); a relay with no agent passes on the original sender.
	private static @Nullable String senderOf(Ag2Frame frame, Context context, @Nullable Envelope handled) {
		if (frame.agentName() != null) {
			return frame.agentName();
		}
		String respondent = Envelope.respondentIn(context);
		if (respondent != null) {
			return respondent;
		}
		return (handled != null) ? handled.sender() : null;
	}

	// An agentless frame of type envelope: the receiving turn names itself, and inherits the
	// conversation (the live one when the sender is in this JVM).
	private Context handlingContext(Context base, Envelope envelope, Context current) {
		ConversationState conversation = conversationOf(envelope);
		Ag2Frame frame = new Ag2Frame(Ag2SpanType.ENVELOPE, Span.fromContext(base), Ag2Frame.from(base), null,
				conversation, false, null);
		return envelope.storeAsHandled(frame.storeIn(base), current);
	}

	private @Nullable ConversationState conversationOf(Envelope envelope) {
		WeakReference<ConversationState> tracked;
		synchronized (this.conversations) {
			tracked = this.conversations.get(envelope.id());
		}
		ConversationState live = (tracked != null) ? tracked.get() : null;
		if (live != null) {
			return live;
		}
		String id = envelope.conversationId();
		return (id != null && !id.isBlank()) ? new ConversationState(id, null) : null;
	}

	private void track(String envelopeId, ConversationState conversation) {
		synchronized (this.conversations) {
			this.conversations.put(envelopeId, new WeakReference<>(conversation));
		}
	}

}
