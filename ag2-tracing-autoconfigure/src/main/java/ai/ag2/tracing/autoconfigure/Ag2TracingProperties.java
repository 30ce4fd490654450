package ai.ag2.tracing.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

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

	private final Network network = new Network();

	private final Jsonl jsonl = new Jsonl();

	private final Metrics metrics = new Metrics();

	private final Aop aop = new Aop();

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

	public Network getNetwork() {
		return this.network;
	}

	public Jsonl getJsonl() {
		return this.jsonl;
	}

	public Aop getAop() {
		return this.aop;
	}

	public Metrics getMetrics() {
		return this.metrics;
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
			 * Whether to send the trace context with outbound HTTP requests (RestClient,
			 * RestTemplate, WebClient, the JDK HttpClient through Ag2HttpClients, OkHttp through
			 * Ag2OkHttpInterceptor, the OpenAI Java SDK) and record the server address on remote agent and LLM spans.
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
		 * Envelope tracing of messages agents send over Spring Messaging channels (Spring
		 * Integration included) and, through their observations, Kafka and RabbitMQ.
		 */
		private final Integration messaging = new Integration();

		/**
		 * The A2A Java SDK: its client's requests carry the trace context through
		 * Ag2A2aClientInterceptor and enrich remote agent spans; AgentExecutor beans are traced
		 * as conversation and invoke_agent spans under the request's a2a-execution.
		 */
		private final Integration a2a = new Integration();

		/**
		 * Model Context Protocol (the MCP Java SDK, Spring AI's MCP client and server): a span
		 * per request and notification a client sends and a server handles, the trace context
		 * in params._meta, and Ag2Mcp for clients and servers built by hand.
		 */
		private final Integration mcp = new Integration();

		public Integration getSpringAi() {
			return this.springAi;
		}

		public Integration getLangchain4j() {
			return this.langchain4j;
		}

		public Integration getOpenai() {
			return this.openai;
		}

		public Integration getMessaging() {
			return this.messaging;
		}

		public Integration getA2a() {
			return this.a2a;
		}

		public Integration getMcp() {
			return this.mcp;
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

	/**
	 * Agents that talk through messages (envelopes).
	 */
	public static class Network {

		/**
		 * How a received envelope relates to the agent turn that handles it: "parent" makes the
		 * turn a child of the envelope's send span (and links to it); "link" starts a new trace
		 * for the turn with only the link, for fan-out buses.
		 */
		private Inbound inbound = Inbound.PARENT;

		public Inbound getInbound() {
			return this.inbound;
		}

		public void setInbound(Inbound inbound) {
			this.inbound = inbound;
		}

		/**
		 * How a received envelope relates to the agent turn that handles it.
		 */
		public enum Inbound {

			/** The turn is a child of the envelope's span, and links to it. */
			PARENT,

			/** The turn starts a new trace that only links to the envelope's span. */
			LINK

		}

	}

	/**
	 * The JSONL mirror: every finished span also written to a file, one OTLP/JSON line per
	 * export batch.
	 */
	public static class Jsonl {

		/**
		 * File to write the spans to, one OTLP/JSON line (an ExportTraceServiceRequest) per
		 * export batch. Unset: no file is written.
		 */
		private @Nullable String path;

		/**
		 * Size at which the file is rolled over to path.1 (path.1 to path.2, and so on).
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(100);

		/**
		 * Number of files kept, the one being written included; the oldest is deleted when
		 * the file rolls over.
		 */
		private int maxFiles = 5;

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

		public int getMaxFiles() {
			return this.maxFiles;
		}

		public void setMaxFiles(int maxFiles) {
			this.maxFiles = maxFiles;
		}

	}

	/**
	 * The advisor that makes the spans of ag2's annotations.
	 */
	public static class Aop {

		/**
		 * Order of the ag2 advisor among the other advisors of a bean (@Transactional, retries,
		 * the application's aspects): lower runs outside them, so its span covers theirs. By
		 * default it runs innermost, as Spring's own advisors do when unordered.
		 */
		private int order = Ordered.LOWEST_PRECEDENCE;

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * The OpenTelemetry GenAI metrics, recorded through the application's Micrometer MeterRegistry.
	 */
	public static class Metrics {

		/**
		 * Whether to record the GenAI metrics (token usage, LLM call, time to first chunk, agent
		 * and tool durations, cost) when a MeterRegistry is present. While on, Spring AI's own
		 * gen_ai.client.token.usage counter is denied: ag2's histogram counts those calls.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of distinct model names (request and response models together), of tool
		 * names and of agent names recorded on metrics, each; further names are recorded as
		 * "_OTHER".
		 */
		private int maxDistinctNames = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxDistinctNames() {
			return this.maxDistinctNames;
		}

		public void setMaxDistinctNames(int maxDistinctNames) {
			this.maxDistinctNames = maxDistinctNames;
		}

	}

}
