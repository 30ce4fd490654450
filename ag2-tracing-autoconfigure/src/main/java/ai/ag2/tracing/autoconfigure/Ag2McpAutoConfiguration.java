package ai.ag2.tracing.autoconfigure;

import java.util.List;

import ai.ag2.tracing.Ag2Mcp;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.mcp.McpBeanPostProcessor;
import ai.ag2.tracing.internal.mcp.McpHttpRequestTracing;
import ai.ag2.tracing.internal.mcp.McpSpanDetails;
import ai.ag2.tracing.internal.mcp.McpTracing;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.web.InboundBaggagePolicy;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

import org.springframework.ai.mcp.customizer.McpClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the MCP integration (DESIGN §12): active
 * with the MCP Java SDK on the classpath unless {@code ag2.tracing.integrations.mcp.enabled=false}
 * (the {@link Ag2Mcp} bean is there either way).
 * MCP client transports and servers that are beans (Spring AI's MCP client and server starters
 * included) are traced as they are created, others through the {@link Ag2Mcp} bean; every message
 * a client sends is a span with the trace context in its {@code params._meta}, and a server opens
 * a SERVER span per request, child of the caller's, keeping only the caller's baggage entries the
 * application accepts ({@code ag2.tracing.propagation.server.baggage.accepted-keys}).
 */
@AutoConfiguration(after = Ag2TracingAutoConfiguration.class)
@ConditionalOnClass({ McpSchema.class, Mono.class })
public final class Ag2McpAutoConfiguration {

	/** Spring Boot's fields that cross the wire as headers of their own, the default accepted keys. */
	private static final String BOOT_BAGGAGE_REMOTE_FIELDS = "management.tracing.baggage.remote-fields";

	Ag2McpAutoConfiguration() {
	}

	/**
	 * Tracing for MCP clients and servers built by hand; there with tracing or the integration
	 * off too (it then traces nothing), so that the application's code that calls it still starts.
	 */
	@Bean
	@ConditionalOnMissingBean
	Ag2Mcp ag2Mcp(ObjectProvider<McpTracing> ag2McpTracing) {
		return new Ag2Mcp(ag2McpTracing.getIfAvailable());
	}

	/** The integration itself, unless tracing or it is switched off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledAg2Tracing
	@ConditionalOnBooleanProperty(name = "ag2.tracing.integrations.mcp.enabled", matchIfMissing = true)
	@ConditionalOnBean(Ag2Operations.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		McpTracing ag2McpTracing(Ag2Operations ag2Operations, Ag2Instrumentation instrumentation,
				Ag2TracingProperties properties, Environment environment) {
			List<String> remoteFields = Binder.get(environment)
				.bind(BOOT_BAGGAGE_REMOTE_FIELDS, Bindable.listOf(String.class))
				.orElse(List.of());
			List<String> accepted = properties.getPropagation().getServer().getBaggage().getAcceptedKeys();
			InboundBaggagePolicy policy = new InboundBaggagePolicy((accepted != null) ? accepted : remoteFields,
					remoteFields);
			return new McpTracing(ag2Operations,
					instrumentation.openTelemetry().getPropagators().getTextMapPropagator(), policy);
		}

		/**
		 * The HTTP side of traced client messages; Spring AI's MCP streamable-HTTP client
		 * transports apply every request customizer bean.
		 */
		@Bean
		@ConditionalOnMissingBean
		McpHttpRequestTracing ag2McpHttpRequestTracing(McpTracing ag2McpTracing) {
			return new McpHttpRequestTracing(ag2McpTracing);
		}

		// Static and lazy: transports and servers may be created before the tracing they use.
		@Bean
		static McpBeanPostProcessor ag2McpBeanPostProcessor(ObjectProvider<McpTracing> tracing) {
			return new McpBeanPostProcessor(SingletonSupplier.of(tracing::getObject));
		}

		/** What the console tree shows of an MCP span. */
		@Bean
		@ConditionalOnMissingBean(name = "ag2McpSpanDetails")
		McpSpanDetails ag2McpSpanDetails() {
			return McpSpanDetails.ofMcpSpans();
		}

		/** What the console tree shows of a tool span that is an MCP tool call: the server that ran it. */
		@Bean
		@ConditionalOnMissingBean(name = "ag2McpToolSpanDetails")
		McpSpanDetails ag2McpToolSpanDetails() {
			return McpSpanDetails.ofToolSpans();
		}

		/**
		 * Spring AI's SSE client transports take customizers of their builders, not the request
		 * customizer beans its streamable-HTTP transports take: ag2's goes first, so that one of the
		 * application's may still replace it.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.ai.mcp.customizer.McpClientCustomizer",
				"io.modelcontextprotocol.client.transport.HttpClientSseClientTransport" })
		static class SpringAiSseClientConfiguration {

			@Bean
			@Order(Ordered.HIGHEST_PRECEDENCE)
			@ConditionalOnMissingBean(name = "ag2McpSseClientCustomizer")
			McpClientCustomizer<HttpClientSseClientTransport.Builder> ag2McpSseClientCustomizer(
					McpHttpRequestTracing ag2McpHttpRequestTracing) {
				return (name, builder) -> builder.httpRequestCustomizer(ag2McpHttpRequestTracing);
			}

		}

	}

}
