package ai.ag2.tracing.sample.llm;

import ai.ag2.tracing.sample.SampleProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The sample's language model: the OpenAI-compatible endpoint when {@code sample.llm.base-url}
 * (or {@code OPENAI_BASE_URL}) is set, the scripted model otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class LlmConfiguration {

	@Bean
	LanguageModel languageModel(SampleProperties properties, RestClient.Builder restClientBuilder) {
		SampleProperties.Llm llm = properties.getLlm();
		if (llm.getBaseUrl().isBlank()) {
			return new ScriptedLlm();
		}
		return new OpenAiCompatibleLlm(restClientBuilder, llm.getBaseUrl(), llm.getApiKey());
	}

	@Bean
	ChatRequestExtractor chatRequestExtractor() {
		return new ChatRequestExtractor();
	}

}
