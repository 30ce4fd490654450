package ai.ag2.tracing.internal.llm;

import java.util.List;

import ai.ag2.tracing.LlmCallContext;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.internal.InstrumentationFailures;
import org.jspecify.annotations.Nullable;

/**
 * The chain of {@link LlmCallExtractor}s: the application's beans first, then the built-in ones.
 * For each argument, for the result and for each chunk of a streamed result, the first extractor
 * that recognises the value wins. An extractor that throws is reported and skipped.
 * <p>
 * Internal API: may change without notice.
 */
public final class LlmExtractors {

	private final List<LlmCallExtractor> extractors;

	// the same, as an array: walked on every call without an iterator
	private final LlmCallExtractor[] chain;

	public LlmExtractors(List<LlmCallExtractor> extractors) {
		this.extractors = List.copyOf(extractors);
		this.chain = this.extractors.toArray(LlmCallExtractor[]::new);
	}

	public List<LlmCallExtractor> extractors() {
		return this.extractors;
	}

	/** Read request details from every argument. */
	public void extractRequest(@Nullable Object[] arguments, LlmCallDetails details, LlmCallContext call) {
		for (Object argument : arguments) {
			if (argument == null) {
				continue;
			}
			for (LlmCallExtractor extractor : this.chain) {
				try {
					if (extractor.extractRequest(argument, details, call)) {
						break;
					}
				}
				catch (Throwable ex) {
					InstrumentationFailures.report("LLM request extractor " + extractor.getClass().getName(), ex);
				}
			}
		}
	}

	/** Read response details from the result. */
	public void extractResponse(@Nullable Object result, LlmCallDetails details, LlmCallContext call) {
		if (result == null) {
			return;
		}
		for (LlmCallExtractor extractor : this.chain) {
			try {
				if (extractor.extractResponse(result, details, call)) {
					return;
				}
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("LLM response extractor " + extractor.getClass().getName(), ex);
			}
		}
	}

	/** Read one chunk of a streamed result. */
	public void extractChunk(@Nullable Object chunk, LlmStreamAggregator stream, LlmCallContext call) {
		if (chunk == null) {
			return;
		}
		stream.chunkRead();
		for (LlmCallExtractor extractor : this.chain) {
			try {
				if (extractor.extractChunk(chunk, stream, call)) {
					return;
				}
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("LLM chunk extractor " + extractor.getClass().getName(), ex);
			}
		}
	}

}
