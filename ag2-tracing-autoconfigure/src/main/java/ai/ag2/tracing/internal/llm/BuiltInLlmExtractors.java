package ai.ag2.tracing.internal.llm;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.internal.springai.SpringAiExtractor;

import org.springframework.util.ClassUtils;

/**
 * The extractors ag2-tracing brings: Spring AI's {@code Prompt}/{@code ChatResponse} when Spring
 * AI is on the classpath (first, since it recognises exact types), then OpenAI-compatible
 * chat-completion shapes always.
 * <p>
 * Internal API: may change without notice.
 */
public final class BuiltInLlmExtractors {

	private static final String SPRING_AI_CHAT_RESPONSE = "org.springframework.ai.chat.model.ChatResponse";

	private BuiltInLlmExtractors() {
	}

	/**
	 * The built-in extractors available with {@code classLoader}.
	 * @param classLoader the class loader to look for Spring AI with
	 * @param captureMessages whether the extractors should read input and output messages, which
	 * only content capture uses
	 * @return the extractors, in the order to consult them
	 */
	public static List<LlmCallExtractor> create(ClassLoader classLoader, boolean captureMessages) {
		List<LlmCallExtractor> extractors = new ArrayList<>(2);
		if (ClassUtils.isPresent(SPRING_AI_CHAT_RESPONSE, classLoader)) {
			// SpringAiExtractor references Spring AI types: it is only loaded on this branch
			extractors.add(new SpringAiExtractor(captureMessages));
		}
		extractors.add(new OpenAiChatShapeExtractor(captureMessages));
		return List.copyOf(extractors);
	}

}
