package ai.ag2.tracing.internal.langchain4j;

import java.util.List;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.context.SpanKey;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Starts and ends the {@code chat {model}} operation of one call of a LangChain4j model, through
 * {@link Ag2Operations}: what the request, the model's default parameters and its provider say at
 * the start, what the response says at the end. A model called while another LangChain4j model
 * call is the current LLM span (a decorating model delegating to the real one) is part of that
 * call and gets no span of its own; inside an ag2 {@code @LlmClient} span the operation is merged
 * into that span. Nothing here throws: a failure is reported and the call goes untraced.
 * <p>
 * Internal API: may change without notice.
 */
final class ChatModelTracer {

	/** {@link Operation#instrumentation()} of the LangChain4j integration. */
	static final String INSTRUMENTATION = "langchain4j";

	private final Ag2Operations operations;

	ChatModelTracer(Ag2Operations operations) {
		this.operations = operations;
	}

	Ag2Operations operations() {
		return this.operations;
	}

	/**
	 * Start the operation of a call of {@code model}; the input is whichever of {@code request},
	 * {@code messages} and {@code text} the called method took.
	 * @return the started operation, or {@code null} when the call is not traced
	 */
	@Nullable Operation start(Object model, @Nullable ChatRequest request, @Nullable List<ChatMessage> messages,
			@Nullable String text, boolean stream) {
		try {
			Context parent = Context.current();
			if (INSTRUMENTATION.equals(SpanKey.LLM.instrumentationOf(parent))) {
				return null;
			}
			boolean capture = this.operations.content().isEnabled();
			LlmCallDetails details = new LlmCallDetails().setStream(stream ? Boolean.TRUE : null);
			if (request != null) {
				ChatReading.request(request, details, capture);
			}
			else if (messages != null && capture) {
				details.setInputMessages(ChatReading.messages(messages));
			}
			else if (text != null && capture) {
				details.setInputMessages(List.of(GenAiMessage.text("user", text)));
			}
			readModel(model, details);
			Operation operation = new Operation(Ag2SpanType.LLM, parent, INSTRUMENTATION);
			operation.setKind(SpanKind.CLIENT);
			operation.setLlmDetails(details);
			return this.operations.start(operation) ? operation : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting the span of a LangChain4j model call", ex);
			return null;
		}
	}

	/** End {@code operation} with the response (or the text of {@code chat(String)}) or the failure. */
	void end(Operation operation, @Nullable Object result, @Nullable Throwable failure) {
		try {
			LlmCallDetails details = operation.llmCall();
			if (details != null && failure == null) {
				boolean capture = this.operations.content().isEnabled();
				synchronized (details) {
					if (result instanceof ChatResponse response) {
						ChatReading.response(response, details, capture);
					}
					else if (result instanceof String text) {
						ChatReading.responseText(text, details, capture);
					}
				}
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the response of a LangChain4j model call", ex);
		}
		this.operations.end(operation, failure);
	}

	// The model applies its defaults to what the request leaves unset; so does the span. A model of
	// the user's that fails to say costs the span these values, not the span itself.
	private static void readModel(Object model, LlmCallDetails details) {
		try {
			ChatReading.parameters(defaults(model), details);
			details.setProviderName(provider(model));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the default parameters of a LangChain4j model", ex);
		}
	}

	private static @Nullable ChatRequestParameters defaults(Object model) {
		if (model instanceof ChatModel chat) {
			return chat.defaultRequestParameters();
		}
		return (model instanceof StreamingChatModel streaming) ? streaming.defaultRequestParameters() : null;
	}

	private static @Nullable String provider(Object model) {
		if (model instanceof ChatModel chat) {
			return ChatReading.provider(chat.provider());
		}
		return (model instanceof StreamingChatModel streaming) ? ChatReading.provider(streaming.provider()) : null;
	}

}
