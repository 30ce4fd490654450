package ai.ag2.tracing.internal.springai;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.ag2.tracing.LlmCallDetails;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * One streamed model call made through a {@code ChatClient}, as ag2's stream advisor sees it:
 * when its first chunk arrived and the usage its chunks carried (the response Spring AI
 * aggregates for the observation keeps no cached tokens), and, once the chat observation has
 * started, the span its HTTP request belongs under.
 */
final class StreamedChatCall {

	private static final SpringAiExtractor CHUNKS = new SpringAiExtractor(false);

	private final String id = UUID.randomUUID().toString();

	private final AtomicBoolean claimed = new AtomicBoolean();

	private final LlmCallDetails usage = new LlmCallDetails();

	private volatile long firstChunkNanos = -1;

	private volatile @Nullable Span span;

	private volatile @Nullable Context context;

	private volatile @Nullable LlmCallDetails details;

	private @Nullable Runnable end;

	private boolean streamEnded;

	String id() {
		return this.id;
	}

	/** Claim this call for the chat observation that starts while it is being subscribed to: once. */
	boolean claim() {
		return this.claimed.compareAndSet(false, true);
	}

	/**
	 * The chat observation that stands for this call started: its span, and how to end it. Spring
	 * AI stops that observation only after the caller has the stream's end (and the last chunks
	 * reach ag2's advisor on Reactor's scheduler, maybe later still): the call ends with the stream
	 * the advisor watches, so that its usage counts into the conversation in time.
	 */
	void bind(Span span, Context context, LlmCallDetails details, Runnable end) {
		boolean ended;
		synchronized (this) {
			this.span = span;
			this.context = context;
			this.details = details;
			this.end = end;
			ended = this.streamEnded;
		}
		if (ended) {
			end.run();
		}
	}

	@Nullable Span span() {
		return this.span;
	}

	@Nullable Context context() {
		return this.context;
	}

	long firstChunkNanos() {
		return this.firstChunkNanos;
	}

	void onChunk(@Nullable ChatResponse chunk) {
		if (this.firstChunkNanos < 0) {
			this.firstChunkNanos = System.nanoTime();
		}
		if (chunk == null || chunk.getMetadata() == null || chunk.getMetadata().getUsage() == null) {
			return;
		}
		LlmCallDetails read = new LlmCallDetails();
		CHUNKS.extractResponse(chunk, read);
		synchronized (this.usage) {
			// a later chunk's usage (the final usage chunk) wins
			if (read.getInputTokens() != null) {
				this.usage.setInputTokens(read.getInputTokens());
			}
			if (read.getOutputTokens() != null) {
				this.usage.setOutputTokens(read.getOutputTokens());
			}
			if (read.getCacheReadInputTokens() != null) {
				this.usage.setCacheReadInputTokens(read.getCacheReadInputTokens());
			}
			if (read.getCacheCreationInputTokens() != null) {
				this.usage.setCacheCreationInputTokens(read.getCacheCreationInputTokens());
			}
			if (read.getReasoningOutputTokens() != null) {
				this.usage.setReasoningOutputTokens(read.getReasoningOutputTokens());
			}
			if (read.getCost() != null) {
				this.usage.setCost(read.getCost());
			}
		}
	}

	/** The stream ag2's advisor watches completed, failed or was cancelled: the call ends. */
	void streamEnded() {
		Runnable end;
		synchronized (this) {
			if (this.streamEnded) {
				return;
			}
			this.streamEnded = true;
			end = this.end;
		}
		if (end != null) {
			end.run();
		}
	}

	/** Fill the usage fields {@code target} lacks with what the chunks carried. */
	void fillMissingUsage(LlmCallDetails target) {
		synchronized (this.usage) {
			target.fillMissingFrom(this.usage);
		}
	}

	/** The endpoint the call's HTTP request went to, for {@code server.address}/{@code server.port}. */
	void recordServer(@Nullable String host, int port) {
		LlmCallDetails target = this.details;
		if (target == null || host == null) {
			return;
		}
		synchronized (target) {
			if (target.getServerAddress() == null) {
				target.setServerAddress(host);
				target.setServerPort((long) port);
			}
		}
	}

}
