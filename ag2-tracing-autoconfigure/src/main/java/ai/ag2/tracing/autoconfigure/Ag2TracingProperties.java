package ai.ag2.tracing.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of ag2-tracing ({@code ag2.tracing.*}).
 */
@ConfigurationProperties("ag2.tracing")
public class Ag2TracingProperties {

	/**
	 * Whether ag2 tracing is enabled. When false, no advisor, filter or interceptor is
	 * registered and no bean is proxied.
	 */
	private boolean enabled = true;

	/**
	 * Whether to record content: messages, tool arguments and results, human input and code
	 * output. Also turned on by OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true.
	 */
	private boolean captureContent = false;

	/**
	 * Maximum number of characters of each captured content value; longer values are cut and
	 * marked "...(truncated)", and JSON values stay valid JSON.
	 */
	private int maxContentLength = 4096;

	private final Propagation propagation = new Propagation();

	private final Console console = new Console();

	private final Integrations integrations = new Integrations();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isCaptureContent() {
		return this.captureContent;
	}

	public void setCaptureContent(boolean captureContent) {
		this.captureContent = captureContent;
	}

	public int getMaxContentLength() {
		return this.maxContentLength;
	}

	public void setMaxContentLength(int maxContentLength) {
		this.maxContentLength = maxContentLength;
	}

	public Propagation getPropagation() {
		return this.propagation;
	}

	public Console getConsole() {
		return this.console;
	}

	public Integrations getIntegrations() {
		return this.integrations;
	}

	/**
	 * Trace context propagation over HTTP.
	 */
	public static class Propagation {

		private final Server server = new Server();

		private final Client client = new Client();

		public Server getServer() {
			return this.server;
		}

		public Client getClient() {
			return this.client;
		}

		/**
		 * Inbound requests.
		 */
		public static class Server {

			/**
			 * Whether to register the servlet filter that continues the caller's trace and
			 * opens an a2a-execution span for each inbound request on a covered path.
			 */
			private boolean enabled = true;

			/**
			 * Servlet URL patterns of the inbound requests the filter covers.
			 */
			private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

			private final Baggage baggage = new Baggage();

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public List<String> getUrlPatterns() {
				return this.urlPatterns;
			}

			public void setUrlPatterns(List<String> urlPatterns) {
				this.urlPatterns = urlPatterns;
			}

			public Baggage getBaggage() {
				return this.baggage;
			}

			/**
			 * Baggage received from callers.
			 */
			public static class Baggage {

				/**
				 * Keys of the inbound baggage entries kept from a caller, on every path of a
				 * servlet application; all other entries are removed before any tracer sees the
				 * request. "*" keeps all. Defaults to
				 * management.tracing.baggage.remote-fields, else none.
				 */
				private @Nullable List<String> acceptedKeys;

				public @Nullable List<String> getAcceptedKeys() {
					return this.acceptedKeys;
				}

				public void setAcceptedKeys(@Nullable List<String> acceptedKeys) {
					this.acceptedKeys = acceptedKeys;
				}

			}

		}

		/**
		 * Outbound requests.
		 */
		public static class Client {

			/**
			 * Whether to add the RestClient interceptor that sends the trace context and records
			 * the server address on remote agent spans.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Printing of finished traces to the console.
	 */
	public static class Console {

		/**
		 * Whether to print each finished trace as an indented tree on standard output.
		 */
		private boolean enabled = false;

		/**
		 * How long to wait for the root span of a trace before printing what has arrived.
		 */
		private Duration incompleteTraceTimeout = Duration.ofSeconds(30);

		/**
		 * Maximum number of spans held while waiting for their traces to finish; beyond it the
		 * oldest traces are printed as they are.
		 */
		private int maxPendingSpans = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getIncompleteTraceTimeout() {
			return this.incompleteTraceTimeout;
		}

		public void setIncompleteTraceTimeout(Duration incompleteTraceTimeout) {
			this.incompleteTraceTimeout = incompleteTraceTimeout;
		}

		public int getMaxPendingSpans() {
			return this.maxPendingSpans;
		}

		public void setMaxPendingSpans(int maxPendingSpans) {
			this.maxPendingSpans = maxPendingSpans;
		}

	}

	/**
	 * The client-library integrations, each active only when its library is on the classpath.
	 */
	public static class Integrations {

		private final Integration springAi = new Integration();

		/**
		 * LangChain4j: a chat span for every call of a ChatModel or StreamingChatModel bean, and
		 * Ag2LangChain4j for models, HTTP clients and AiServices tools built by hand.
		 */
		private final Integration langchain4j = new Integration();

		private final Integration openai = new Integration();

		/**
		 * The A2A Java SDK: its client's requests carry the trace context through
		 * Ag2A2aClientInterceptor and enrich remote agent spans; AgentExecutor beans are traced
		 * as conversation and invoke_agent spans under the request's a2a-execution.
		 */
		private final Integration a2a = new Integration();

		public Integration getSpringAi() {
			return this.springAi;
		}

		public Integration getLangchain4j() {
			return this.langchain4j;
		}

		public Integration getOpenai() {
			return this.openai;
		}

		public Integration getA2a() {
			return this.a2a;
		}

		/**
		 * One integration.
		 */
		public static class Integration {

			/**
			 * Whether the integration is active when its library is on the classpath.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

}
