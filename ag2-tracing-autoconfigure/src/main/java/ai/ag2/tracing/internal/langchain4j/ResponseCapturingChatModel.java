package ai.ag2.tracing.internal.langchain4j;

import java.util.List;
import java.util.Set;

import ai.ag2.tracing.internal.operation.Operation;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.context.Scope;

/**
 * A view of a model whose class keeps {@code ChatModel}'s default {@code chat(String)}: that
 * default, inherited here, builds the request and calls {@code chat(ChatRequest)} on this view,
 * which traces the call of the real model with the whole {@link ChatResponse} (usage, finish
 * reason, ids) where {@code chat(String)} would only have returned the text. Every other method is
 * the model's, so the default runs exactly as it would on the model.
 * <p>
 * Internal API: may change without notice.
 */
final class ResponseCapturingChatModel implements ChatModel {

	private final ChatModel model;

	private final ChatModelTracer tracer;

	ResponseCapturingChatModel(ChatModel model, ChatModelTracer tracer) {
		this.model = model;
		this.tracer = tracer;
	}

	@Override
	public ChatResponse chat(ChatRequest chatRequest) {
		Operation operation = this.tracer.start(this.model, chatRequest, null, null, false);
		if (operation == null) {
			return this.model.chat(chatRequest);
		}
		ChatResponse response;
		try (Scope ignored = operation.context().makeCurrent()) {
			response = this.model.chat(chatRequest);
		}
		catch (Throwable failure) {
			this.tracer.end(operation, null, failure);
			throw failure;
		}
		this.tracer.end(operation, response, null);
		return response;
	}

	@Override
	public ChatResponse chat(ChatRequest chatRequest, ChatRequestOptions options) {
		Operation operation = this.tracer.start(this.model, chatRequest, null, null, false);
		if (operation == null) {
			return this.model.chat(chatRequest, options);
		}
		ChatResponse response;
		try (Scope ignored = operation.context().makeCurrent()) {
			response = this.model.chat(chatRequest, options);
		}
		catch (Throwable failure) {
			this.tracer.end(operation, null, failure);
			throw failure;
		}
		this.tracer.end(operation, response, null);
		return response;
	}

	@Override
	public ChatResponse doChat(ChatRequest chatRequest) {
		return this.model.doChat(chatRequest);
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return this.model.defaultRequestParameters();
	}

	@Override
	public List<ChatModelListener> listeners() {
		return this.model.listeners();
	}

	@Override
	public ModelProvider provider() {
		return this.model.provider();
	}

	@Override
	public Set<Capability> supportedCapabilities() {
		return this.model.supportedCapabilities();
	}

}
