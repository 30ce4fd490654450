package ai.ag2.tracing.sample.springai;

import java.util.HashMap;
import java.util.Map;

import ai.ag2.tracing.sample.SampleApplication;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points Spring AI's OpenAI starter at the sample's model: the OpenAI-compatible endpoint of
 * {@code sample.llm.*} ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY}, {@code OPENAI_MODEL})
 * when a base URL is set, else a {@link ScriptedOpenAiEndpoint} started in-process for the run
 * and stopped with the application. Only the sample application itself is pointed; the remote
 * research service of the walkthrough does not use Spring AI.
 */
public class SpringAiEndpoint implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE = "sampleSpringAiEndpoint";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(SampleApplication.class)) {
			return;
		}
		Map<String, Object> properties = new HashMap<>();
		String baseUrl = environment.getProperty("sample.llm.base-url", "");
		if (baseUrl.isBlank()) {
			ScriptedOpenAiEndpoint endpoint = ScriptedOpenAiEndpoint.start();
			application.addListeners((ContextClosedEvent event) -> endpoint.close());
			properties.put("spring.ai.openai.base-url", endpoint.baseUrl());
			properties.put("spring.ai.openai.api-key", "scripted");
		}
		else {
			properties.put("spring.ai.openai.base-url", baseUrl);
			properties.put("spring.ai.openai.api-key", environment.getProperty("sample.llm.api-key", ""));
		}
		properties.put("spring.ai.openai.chat.model", environment.getProperty("sample.llm.model", "gpt-4o-mini"));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
	}

}
