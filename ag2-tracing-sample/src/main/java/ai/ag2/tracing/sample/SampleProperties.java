package ai.ag2.tracing.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the sample ({@code sample.*}).
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Whether to play the walkthrough on startup and then exit.
	 */
	private boolean runWalkthrough = true;

	private final Llm llm = new Llm();

	public boolean isRunWalkthrough() {
		return this.runWalkthrough;
	}

	public void setRunWalkthrough(boolean runWalkthrough) {
		this.runWalkthrough = runWalkthrough;
	}

	public Llm getLlm() {
		return this.llm;
	}

	/**
	 * The language model.
	 */
	public static class Llm {

		/**
		 * Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1. When empty, a
		 * scripted model answers.
		 */
		private String baseUrl = "";

		/**
		 * API key sent as a bearer token; may be empty for local endpoints.
		 */
		private String apiKey = "";

		/**
		 * Model to request.
		 */
		private String model = "gpt-4o-mini";

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

	}

}
