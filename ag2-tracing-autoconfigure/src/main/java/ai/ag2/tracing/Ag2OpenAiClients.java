package ai.ag2.tracing;

import ai.ag2.tracing.internal.openai.OpenAiClientTracing;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import org.jspecify.annotations.Nullable;

/**
 * LLM spans and the trace on the wire for OpenAI Java SDK clients the application context does
 * not manage. {@code OpenAIClient} and {@code OpenAIClientAsync} beans need nothing: they are
 * traced as they are created. A client built elsewhere is traced with one call on this bean:
 * <pre>{@code
 * OpenAIClient client = ag2OpenAiClients.wrap(OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).build());
 * }</pre>
 * The traced client behaves as the one it wraps (it delegates every call, {@code close()}
 * included); each {@code chat().completions().create(…)}/{@code createStreaming(…)} and
 * {@code responses().create(…)}/{@code createStreaming(…)}, blocking or through {@code async()},
 * is a {@code chat {model}} span under the current agent turn, and its requests carry
 * {@code traceparent}. With {@code ag2.tracing.integrations.openai.enabled=false} (or tracing
 * off) {@link #wrap} returns the client unchanged.
 */
public final class Ag2OpenAiClients {

	private final @Nullable OpenAiClientTracing tracing;

	/**
	 * Made by ag2-tracing's auto-configuration; inject the bean rather than creating one.
	 * @param tracing the SDK integration, or {@code null} when it is switched off
	 */
	public Ag2OpenAiClients(@Nullable OpenAiClientTracing tracing) {
		this.tracing = tracing;
	}

	/**
	 * {@code client}, traced; wrapping a traced client returns it unchanged.
	 * @param client the client to trace
	 * @return the traced client
	 */
	public OpenAIClient wrap(OpenAIClient client) {
		OpenAiClientTracing current = this.tracing;
		return (current != null) ? current.wrap(client) : client;
	}

	/**
	 * {@code client}, traced; wrapping a traced client returns it unchanged.
	 * @param client the client to trace
	 * @return the traced client
	 */
	public OpenAIClientAsync wrap(OpenAIClientAsync client) {
		OpenAiClientTracing current = this.tracing;
		return (current != null) ? current.wrap(client) : client;
	}

}
