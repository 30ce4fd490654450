package ai.ag2.tracing.internal.openai;

import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Traces the {@link OpenAIClient} and {@link OpenAIClientAsync} beans of the context: each is
 * replaced by the traced client that delegates to it (the bean keeps its type, the SDK's
 * interface). Idempotent: a client traced already is left as it is.
 * <p>
 * Internal API: may change without notice.
 */
public final class OpenAiClientPostProcessor implements BeanPostProcessor {

	private final Supplier<OpenAiClientTracing> tracing;

	public OpenAiClientPostProcessor(Supplier<OpenAiClientTracing> tracing) {
		this.tracing = tracing;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		try {
			if (bean instanceof OpenAIClient client && !OpenAiClientTracing.isTraced(client)) {
				return this.tracing.get().wrap(client);
			}
			if (bean instanceof OpenAIClientAsync client && !OpenAiClientTracing.isTraced(client)) {
				return this.tracing.get().wrap(client);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("tracing OpenAI client '" + beanName + "'", ex);
		}
		return bean;
	}

}
