package ai.ag2.tracing.internal.langchain4j;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import ai.ag2.tracing.internal.async.AsyncEndStrategy;
import ai.ag2.tracing.internal.async.AsyncOutcome;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Ends the span of an {@code @Agent} or {@code @LlmClient} method that returns a LangChain4j
 * {@link TokenStream} when the stream does: the caller gets a {@code TokenStream} that registers
 * the same handlers on the real one, reports each partial response as a chunk, starts the stream
 * in the span's context (its model calls and tools are children of the span, its partial handlers
 * run in it) and ends the span at the complete response or the error, before that handler runs in
 * the context {@code start()} was called in. Two things differ from
 * the stream as returned, both so that the span always ends: a stream started without a
 * complete-response handler gets one that only ends the span, and {@code ignoreErrors()} becomes
 * an error handler that logs the error at WARN as LangChain4j does (and so also fires
 * LangChain4j's error event).
 * <p>
 * Internal API: may change without notice.
 */
public final class TokenStreamEndStrategy implements AsyncEndStrategy {

	private static final Log logger = LogFactory.getLog(TokenStreamEndStrategy.class);

	@Override
	public boolean supports(Class<?> returnType) {
		return TokenStream.class.isAssignableFrom(returnType);
	}

	@Override
	public boolean isStream(Class<?> returnType) {
		return true;
	}

	@Override
	public Object endWhenComplete(Object result, AsyncOutcome outcome) {
		return new TracedTokenStream((TokenStream) result, outcome);
	}

	private static final class TracedTokenStream implements TokenStream {

		private final TokenStream delegate;

		private final AsyncOutcome outcome;

		private boolean completeHandled;

		private volatile Context callerContext = Context.root();

		TracedTokenStream(TokenStream delegate, AsyncOutcome outcome) {
			this.delegate = delegate;
			this.outcome = outcome;
		}

		@Override
		public TokenStream onPartialResponse(Consumer<String> handler) {
			this.delegate.onPartialResponse((partial) -> {
				this.outcome.onChunk(partial);
				inSpan(() -> handler.accept(partial));
			});
			return this;
		}

		@Override
		public TokenStream onPartialResponseWithContext(BiConsumer<PartialResponse, PartialResponseContext> handler) {
			this.delegate.onPartialResponseWithContext((partial, context) -> {
				this.outcome.onChunk(partial);
				inSpan(() -> handler.accept(partial, context));
			});
			return this;
		}

		@Override
		public TokenStream onPartialThinking(Consumer<PartialThinking> handler) {
			this.delegate.onPartialThinking((partial) -> inSpan(() -> handler.accept(partial)));
			return this;
		}

		@Override
		public TokenStream onPartialThinkingWithContext(BiConsumer<PartialThinking, PartialThinkingContext> handler) {
			this.delegate.onPartialThinkingWithContext((partial, context) -> inSpan(() -> handler.accept(partial, context)));
			return this;
		}

		@Override
		public TokenStream onPartialToolCall(Consumer<PartialToolCall> handler) {
			this.delegate.onPartialToolCall((partial) -> inSpan(() -> handler.accept(partial)));
			return this;
		}

		@Override
		public TokenStream onPartialToolCallWithContext(BiConsumer<PartialToolCall, PartialToolCallContext> handler) {
			this.delegate.onPartialToolCallWithContext((partial, context) -> inSpan(() -> handler.accept(partial, context)));
			return this;
		}

		@Override
		public TokenStream onRetrieved(Consumer<List<Content>> handler) {
			this.delegate.onRetrieved((contents) -> inSpan(() -> handler.accept(contents)));
			return this;
		}

		@Override
		public TokenStream onIntermediateResponse(Consumer<ChatResponse> handler) {
			this.delegate.onIntermediateResponse((response) -> inSpan(() -> handler.accept(response)));
			return this;
		}

		@Override
		public TokenStream beforeToolExecution(Consumer<BeforeToolExecution> handler) {
			this.delegate.beforeToolExecution((before) -> inSpan(() -> handler.accept(before)));
			return this;
		}

		@Override
		public TokenStream onUnmappedRawEvent(Consumer<Object> handler) {
			this.delegate.onUnmappedRawEvent((event) -> inSpan(() -> handler.accept(event)));
			return this;
		}

		@Override
		public TokenStream onToolExecuted(Consumer<ToolExecution> handler) {
			this.delegate.onToolExecuted((execution) -> inSpan(() -> handler.accept(execution)));
			return this;
		}

		@Override
		public TokenStream onCompleteResponse(Consumer<ChatResponse> handler) {
			this.completeHandled = true;
			this.delegate.onCompleteResponse((response) -> {
				this.outcome.onComplete(response);
				inCallers(() -> handler.accept(response));
			});
			return this;
		}

		@Override
		public TokenStream onError(Consumer<Throwable> handler) {
			this.delegate.onError((error) -> {
				this.outcome.onError(error);
				inCallers(() -> handler.accept(error));
			});
			return this;
		}

		@Override
		public TokenStream ignoreErrors() {
			this.delegate.onError((error) -> {
				logger.warn("Ignored error", error);
				this.outcome.onError(error);
			});
			return this;
		}

		@Override
		public void start() {
			this.callerContext = Context.current();
			if (!this.completeHandled) {
				this.delegate.onCompleteResponse(this.outcome::onComplete);
			}
			try (Scope ignored = this.outcome.context().makeCurrent()) {
				this.delegate.start();
			}
			catch (Throwable failure) {
				this.outcome.onError(failure);
				throw failure;
			}
		}

		// The stream is over when these run: the caller's continuation, not part of the span
		private void inCallers(Runnable handler) {
			try (Scope ignored = this.callerContext.makeCurrent()) {
				handler.run();
			}
		}

		private void inSpan(Runnable handler) {
			try (Scope ignored = this.outcome.context().makeCurrent()) {
				handler.run();
			}
		}

	}

}
