package ai.ag2.tracing.internal.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.context.Ag2Frame;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.IdTimestampMessageHeaderInitializer;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * The envelope tracing of one Spring Messaging channel (a Spring Integration channel too),
 * added by ag2 to every interceptable channel bean:
 * <ul>
 * <li>{@code preSend} of a message sent from inside an ag2 span starts its envelope (or enriches
 * the span of Spring Integration's own observation of the send), sets the headers on the message
 * and makes the dispatch context current: handlers of a direct channel run on this thread, inside
 * the send; {@code afterSendCompletion} ends it, with the failure of the dispatch, if any;</li>
 * <li>{@code preSend} of an envelope received from elsewhere (an inbound adapter) makes its
 * handling context current for the dispatch;</li>
 * <li>{@code beforeHandle} on an executor channel's thread continues the envelope there;
 * {@code afterMessageHandled} restores the thread.</li>
 * </ul>
 * Scopes opened here are closed on the thread that opened them, innermost first. Nothing here
 * throws into the channel: the message goes as it was.
 * <p>
 * Internal API: may change without notice.
 */
public final class EnvelopeChannelInterceptor implements ExecutorChannelInterceptor {

	private static final ThreadLocal<Deque<Open>> sending = new ThreadLocal<>();

	private static final ThreadLocal<Deque<Open>> handling = new ThreadLocal<>();

	private final Supplier<EnvelopeTracing> tracing;

	private final Supplier<LibrarySendSpans> librarySends;

	private final String channelName;

	/**
	 * @param tracing the envelope rules, looked up on first use
	 * @param librarySends finds the span of a library's own observation of the send, looked up on
	 * first use
	 * @param channelName the channel's bean name, the envelope's destination
	 */
	public EnvelopeChannelInterceptor(Supplier<EnvelopeTracing> tracing, Supplier<LibrarySendSpans> librarySends,
			String channelName) {
		this.tracing = tracing;
		this.librarySends = librarySends;
		this.channelName = channelName;
	}

	/** The destination name of the channel this interceptor traces. */
	public String channelName() {
		return this.channelName;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		// one entry per preSend, whatever happens: afterSendCompletion pops exactly one
		Open open = new Open(channel, null, null, false);
		Message<?> toSend = message;
		try {
			Context context = Context.current();
			EnvelopeTracing envelopes = this.tracing.get();
			Envelope received = envelopes.receive(headers(message));
			if (received != null && !isHandled(context, received) && Ag2Frame.from(context) == null) {
				// an envelope arriving from another service: its handlers run in its context
				open = new Open(channel, envelopes.receivingContext(context, received, headers(message)).makeCurrent(),
						null, false);
			}
			else {
				LibrarySendSpans.LibrarySend observed = this.librarySends.get().current(context);
				EnvelopeSend send = envelopes.startSend(this.channelName, context,
						(observed != null) ? observed.span() : null);
				if (send != null) {
					boolean noSubscribers = channel instanceof AbstractSubscribableChannel subscribable
							&& subscribable.getSubscribers().isEmpty();
					open = new Open(channel, null, send, noSubscribers);
					toSend = withEnvelopeHeaders(message, send, envelopes);
					UUID id = toSend.getHeaders().getId();
					if (id != null) {
						send.operation().setAttribute(Ag2Attributes.MESSAGING_MESSAGE_ID, id.toString());
					}
					if (observed != null) {
						observed.adoptedAs(send);
					}
					open = new Open(channel, envelopes.dispatchContext(send).makeCurrent(), send, noSubscribers);
				}
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing a message sent to channel '" + this.channelName + "'", ex);
		}
		push(sending, open);
		return toSend;
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent,
			@Nullable Exception failure) {
		Open open = pop(sending, channel);
		if (open == null) {
			return;
		}
		if (open.scope() != null) {
			try {
				open.scope().close();
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("restoring the context after a send", ex);
			}
		}
		EnvelopeSend send = open.send();
		if (send == null) {
			return;
		}
		try {
			if (failure != null) {
				this.tracing.get().endSend(send, failure, true);
			}
			else if (!sent) {
				this.tracing.get().endSend(send, new MessageDeliveryException(message,
						"Channel '" + this.channelName + "' did not accept the message (send returned false)"), false);
			}
			else if (open.noSubscribers()) {
				this.tracing.get().endSend(send, new MessageDeliveryException(message,
						"Channel '" + this.channelName + "' has no subscribers: the message was dropped"), false);
			}
			else {
				this.tracing.get().endSend(send, null, false);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("ending the envelope of a message sent to '" + this.channelName + "'", ex);
		}
	}

	@Override
	public @Nullable Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		Open open = new Open(channel, null, null, false);
		try {
			EnvelopeTracing envelopes = this.tracing.get();
			Envelope received = envelopes.receive(headers(message));
			Context context = Context.current();
			// on a direct dispatch preSend has made the envelope's context current already
			if (received != null && !isHandled(context, received)) {
				open = new Open(channel, envelopes.receivingContext(context, received, headers(message)).makeCurrent(),
						null, false);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("continuing the trace of a message on channel '" + this.channelName + "'",
					ex);
		}
		push(handling, open);
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception failure) {
		Open open = pop(handling, channel);
		if (open != null && open.scope() != null) {
			try {
				open.scope().close();
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("restoring the context after handling a message", ex);
			}
		}
	}

	private static boolean isHandled(Context context, Envelope received) {
		Envelope handled = Envelope.handledIn(context);
		return handled != null && handled.id().equals(received.id());
	}

	private static Function<String, @Nullable String> headers(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		return (name) -> {
			Object value = headers.get(name);
			if (value instanceof String text) {
				return text;
			}
			if (value instanceof byte[] bytes) {
				return new String(bytes, StandardCharsets.UTF_8);
			}
			return null;
		};
	}

	// A message with the envelope's headers set (replacing any earlier value): through the
	// message's own accessor when it is still mutable (STOMP's), else a copy that keeps the id
	// (a copy's timestamp is the copy's, as with MessageBuilder); an error message stays one.
	private static Message<?> withEnvelopeHeaders(Message<?> message, EnvelopeSend send, EnvelopeTracing envelopes) {
		MessageHeaders original = message.getHeaders();
		MessageHeaderAccessor own = MessageHeaderAccessor.getAccessor(message, MessageHeaderAccessor.class);
		boolean inPlace = own != null && own.isMutable();
		MessageHeaderAccessor accessor = MessageHeaderAccessor.getMutableAccessor(message);
		if (!inPlace) {
			UUID id = original.getId();
			IdTimestampMessageHeaderInitializer initializer = new IdTimestampMessageHeaderInitializer();
			if (id != null) {
				initializer.setIdGenerator(() -> id);
			}
			initializer.setEnableTimestamp(original.getTimestamp() != null);
			initializer.initHeaders(accessor);
		}
		Map<String, String> fields = new LinkedHashMap<>();
		envelopes.inject(send, fields::put);
		fields.forEach(accessor::setHeader);
		MessageHeaders headers = accessor.getMessageHeaders();
		if (message instanceof ErrorMessage error) {
			Message<?> originalMessage = error.getOriginalMessage();
			return (originalMessage != null) ? new ErrorMessage(error.getPayload(), headers, originalMessage)
					: new ErrorMessage(error.getPayload(), headers);
		}
		return MessageBuilder.createMessage(message.getPayload(), headers);
	}

	private static void push(ThreadLocal<Deque<Open>> stack, Open open) {
		Deque<Open> opened = stack.get();
		if (opened == null) {
			opened = new ArrayDeque<>(4);
			stack.set(opened);
		}
		opened.push(open);
	}

	private static @Nullable Open pop(ThreadLocal<Deque<Open>> stack, MessageChannel channel) {
		Deque<Open> opened = stack.get();
		if (opened == null || opened.isEmpty() || opened.peek().channel() != channel) {
			return null;
		}
		Open open = opened.pop();
		if (opened.isEmpty()) {
			stack.remove();
		}
		return open;
	}

	private record Open(MessageChannel channel, @Nullable Scope scope, @Nullable EnvelopeSend send,
			boolean noSubscribers) {
	}

}
