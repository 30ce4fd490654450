package ai.ag2.tracing.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Normalises provider names to the values of the GenAI semantic conventions'
 * {@code gen_ai.provider.name} ({@code OpenAI} → {@code openai}, {@code Bedrock} →
 * {@code aws.bedrock}); names it does not know are kept, lower-cased.
 * <p>
 * Internal API: may change without notice.
 */
public final class ProviderNames {

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("openai", "openai"),
			Map.entry("open_ai", "openai"), Map.entry("anthropic", "anthropic"), Map.entry("claude", "anthropic"),
			Map.entry("azure", "azure.ai.openai"), Map.entry("azure_openai", "azure.ai.openai"),
			Map.entry("azureopenai", "azure.ai.openai"), Map.entry("azure.ai.openai", "azure.ai.openai"),
			Map.entry("azure.ai.inference", "azure.ai.inference"), Map.entry("azure_ai_inference", "azure.ai.inference"),
			Map.entry("bedrock", "aws.bedrock"), Map.entry("aws", "aws.bedrock"), Map.entry("aws_bedrock", "aws.bedrock"),
			Map.entry("aws.bedrock", "aws.bedrock"), Map.entry("gemini", "gcp.gemini"), Map.entry("google", "gcp.gemini"),
			Map.entry("google_genai", "gcp.gen_ai"), Map.entry("gcp.gen_ai", "gcp.gen_ai"),
			Map.entry("gcp.gemini", "gcp.gemini"), Map.entry("vertex", "gcp.vertex_ai"),
			Map.entry("vertexai", "gcp.vertex_ai"), Map.entry("vertex_ai", "gcp.vertex_ai"),
			Map.entry("gcp.vertex_ai", "gcp.vertex_ai"), Map.entry("mistral", "mistral_ai"),
			Map.entry("mistralai", "mistral_ai"), Map.entry("mistral_ai", "mistral_ai"), Map.entry("xai", "x_ai"),
			Map.entry("x_ai", "x_ai"), Map.entry("grok", "x_ai"), Map.entry("groq", "groq"),
			Map.entry("deepseek", "deepseek"), Map.entry("cohere", "cohere"), Map.entry("perplexity", "perplexity"),
			Map.entry("watsonx", "ibm.watsonx.ai"), Map.entry("ibm.watsonx.ai", "ibm.watsonx.ai"),
			Map.entry("ibm_watsonx_ai", "ibm.watsonx.ai"));

	private ProviderNames() {
	}

	// Names seen, normalized: an LLM span asks for the same one or two at its start and end, call
	// after call. Bounded: names that come from data beyond that are normalized each time.
	private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();

	private static final int MAX_NORMALIZED = 256;

	/** The semantic-convention value for {@code provider}, or {@code null} if it is blank. */
	public static @Nullable String normalize(@Nullable String provider) {
		if (provider == null) {
			return null;
		}
		String known = NORMALIZED.get(provider);
		if (known != null) {
			return known;
		}
		if (provider.isBlank()) {
			return null;
		}
		String key = provider.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
		String normalized = ALIASES.getOrDefault(key, key);
		if (NORMALIZED.size() < MAX_NORMALIZED) {
			NORMALIZED.put(provider, normalized);
		}
		return normalized;
	}

}
