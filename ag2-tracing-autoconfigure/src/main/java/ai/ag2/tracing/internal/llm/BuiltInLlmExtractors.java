package ai.ag2.tracing.internal.llm;

import java.util.List;

import ai.ag2.tracing.LlmCallExtractor;

/**
 * The extractors ag2-tracing brings: OpenAI-compatible chat-completion shapes always, Spring AI's
 * {@code Prompt}/{@code ChatResponse} when Spring AI is on the classpath.
 * <p>
 * Internal API: may change without notice.
 */
public final class BuiltInLlmExtractors {

	private BuiltInLlmExtractors() {
	}

	public static List<LlmCallExtractor> create(ClassLoader classLoader) {
		return List.of();
	}

}
