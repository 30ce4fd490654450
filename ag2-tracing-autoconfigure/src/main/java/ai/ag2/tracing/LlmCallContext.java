package ai.ag2.tracing;

import java.lang.reflect.Method;

import ai.ag2.tracing.annotation.LlmClient;
import org.jspecify.annotations.Nullable;

/**
 * The LLM call an {@link LlmCallExtractor} reads values of: which method was called, on which
 * class, with which annotation and provider.
 */
public interface LlmCallContext {

	/** The called method as declared on the target class, or {@code null} for calls not made through a method. */
	@Nullable Method method();

	/** The class of the bean that made the call, or {@code null}. */
	@Nullable Class<?> targetClass();

	/** The {@code @LlmClient} that traces the call, or {@code null} (library integrations). */
	@Nullable LlmClient llmClient();

	/** Provider of the call as known before the call ({@code gen_ai.provider.name}), or {@code null}. */
	@Nullable String providerName();

	/** Whether the response arrives as a stream of chunks. */
	boolean streaming();

}
