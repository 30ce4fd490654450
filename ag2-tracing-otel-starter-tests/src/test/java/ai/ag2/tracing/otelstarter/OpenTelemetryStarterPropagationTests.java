package ai.ag2.tracing.otelstarter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.internal.web.TraceContextInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ag2-tracing on the OpenTelemetry bean of the official {@code opentelemetry-spring-boot-starter}
 * (instead of Spring Boot's OpenTelemetry support): the starter's servlet filter opens the
 * server span and its RestClient interceptor the client span; there is still one SERVER span per
 * inbound request, one {@code traceparent} per outbound one, and the agent spans nest right.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenTelemetryStarterPropagationTests {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void remoteAgentCallMakesOneTraceWithTheStartersServerAndClientSpans(CapturedOutput output) {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class);
				Service caller = Service.start("agent-caller", WebApplicationType.NONE, AgentCaller.class,
						"remote-planner.url=" + server.url(""))) {
			assertThat(caller.context.getBean(RemotePlanner.class).ask("How do I get to Vienna?"))
				.isEqualTo("Take the night train.");

			List<SpanData> spans = awaitSpans(7, server, caller);
			assertThat(SpanTrees.render(spans)).isEqualTo("""
					invoke_agent remote_planner [CLIENT]
					  POST [CLIENT]
					    POST /a2a [SERVER]
					      a2a-execution [INTERNAL]
					        conversation planner [INTERNAL]
					          invoke_agent planner [INTERNAL]
					            chat gpt-4o-mini [CLIENT]
					""");
			SpanData remote = SpanTrees.named(spans, "invoke_agent remote_planner");
			assertThat(spans).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(remote.getTraceId()));
			assertThat(remote.getAttributes().asMap())
				.containsEntry(AttributeKey.booleanKey("gen_ai.agent.remote"), true)
				.containsEntry(AttributeKey.stringKey("server.address"), "127.0.0.1")
				.containsEntry(AttributeKey.longKey("server.port"), (long) server.port());
			assertThat(remote.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-caller");
			SpanData clientSpan = SpanTrees.named(spans, "POST");
			assertThat(clientSpan.getInstrumentationScopeInfo().getName()).isNotEqualTo("ai.ag2.tracing");
			SpanData a2a = SpanTrees.named(spans, "a2a-execution");
			assertThat(a2a.getResource().getAttributes().get(SERVICE_NAME)).isEqualTo("agent-server");
			assertThat(a2a.getAttributes().get(AttributeKey.stringKey("ag2.span.type"))).isEqualTo("a2a_execution");
			assertThat(a2a.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
			assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("ag2-tracing:");
		}
	}

	@Test
	void everyOutboundCallCarriesOneTraceparentWithItsOwnParentSpan() throws Exception {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			List<Map<String, List<String>>> forwarded = relay(server, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

			List<SpanData> spans = awaitSpans(8, server);
			assertThat(SpanTrees.render(spans)).isEqualTo("""
					GET /relay [SERVER]
					  a2a-execution [INTERNAL]
					    GET [CLIENT]
					      GET /headers [SERVER]
					        a2a-execution [INTERNAL]
					    GET [CLIENT]
					      GET /headers [SERVER]
					        a2a-execution [INTERNAL]
					""");
			assertThat(spans).allSatisfy(
					(span) -> assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
			List<String> clientIds = spans.stream()
				.filter((span) -> span.getKind() == SpanKind.CLIENT)
				.map(SpanData::getSpanId)
				.toList();
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("traceparent")).hasSize(1));
			assertThat(forwarded.stream().map((call) -> call.get("traceparent").get(0).substring(36, 52)))
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(clientIds);
		}
	}

	@Test
	void whenTheStartersInterceptorRunsInsideOursEachCallStillHasOneClientSpan() {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			RestClient.Builder builder = RestClient.builder()
				.requestInterceptor(server.context.getBean(TraceContextInterceptor.class));
			server.context.getBean("otelRestClientCustomizer", RestClientCustomizer.class).customize(builder);
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
			RestClient restClient = builder.build();
			restClient.mutate().requestInterceptors(interceptors::addAll);
			assertThat(interceptors).hasSize(2).first().isInstanceOf(TraceContextInterceptor.class);

			Span test = server.context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("test").startSpan();
			Map<?, ?> forwarded;
			try (Scope scope = test.makeCurrent()) {
				forwarded = restClient.get().uri(server.url("/headers")).retrieve().body(Map.class);
			}
			finally {
				test.end();
			}

			List<SpanData> spans = awaitSpans(4, server);
			assertThat(SpanTrees.render(spans)).isEqualTo("""
					test [INTERNAL]
					  GET [CLIENT]
					    GET /headers [SERVER]
					      a2a-execution [INTERNAL]
					""");
			assertThat((List<?>) forwarded.get("traceparent")).singleElement()
				.asString()
				.startsWith("00-" + test.getSpanContext().getTraceId() + "-" + SpanTrees.named(spans, "GET").getSpanId()
						+ "-");
		}
	}

	@Test
	void twoTraceparentHeadersStartAFreshTrace() throws Exception {
		try (Service server = Service.start("agent-server", WebApplicationType.SERVLET, AgentServer.class)) {
			relay(server, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
					"00-1af7651916cd43dd8448eb211c80319d-b7ad6b7169203332-01");

			List<SpanData> spans = awaitSpans(8, server);
			SpanData root = SpanTrees.named(spans, "GET /relay");
			assertThat(root.getParentSpanContext().isValid()).isFalse();
			assertThat(root.getTraceId()).isNotIn("0af7651916cd43dd8448eb211c80319c",
					"1af7651916cd43dd8448eb211c80319d");
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, List<String>>> relay(Service server, String... traceparents) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/relay")));
		for (String traceparent : traceparents) {
			request.header("traceparent", traceparent);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readValue(response.body(), List.class);
	}

	private static List<SpanData> awaitSpans(int count, Service... services) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> spans = collect(services);
		while (spans.size() < count && System.nanoTime() < deadline) {
			sleep(10);
			spans = collect(services);
		}
		sleep(50);
		return collect(services);
	}

	private static List<SpanData> collect(Service... services) {
		List<SpanData> spans = new ArrayList<>();
		for (Service service : services) {
			spans.addAll(service.context.getBean(InMemorySpanExporter.class).getFinishedSpanItems());
		}
		return spans;
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A Spring Boot application with the OpenTelemetry starter, exporting to memory. */
	private record Service(ConfigurableApplicationContext context) implements AutoCloseable {

		static Service start(String name, WebApplicationType type, Class<?> configuration, String... properties) {
			List<String> all = new ArrayList<>(List.of("spring.application.name=" + name, "server.port=0",
					"server.address=127.0.0.1", "otel.traces.exporter=none", "otel.metrics.exporter=none",
					"otel.logs.exporter=none", "spring.main.banner-mode=off"));
			all.addAll(List.of(properties));
			return new Service(new SpringApplicationBuilder(configuration, InMemoryExport.class).web(type)
				.properties(all.toArray(String[]::new))
				.run());
		}

		int port() {
			return ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		String url(String path) {
			return "http://127.0.0.1:" + port() + path;
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryExport {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		AutoConfigurationCustomizerProvider inMemorySpanExport(InMemorySpanExporter exporter) {
			return (customizer) -> customizer.addTracerProviderCustomizer(
					(builder, config) -> builder.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentServer {

		@Bean
		ScriptedLlm scriptedLlm() {
			return new ScriptedLlm();
		}

		@Bean
		Planner planner(ScriptedLlm llm) {
			return new Planner(llm);
		}

		@Bean
		PlannerChat plannerChat(Planner planner) {
			return new PlannerChat(planner);
		}

		@Bean
		AgentServerController agentServerController(PlannerChat chat, RestClient.Builder builder,
				Environment environment) {
			return new AgentServerController(chat, builder.build(), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AgentCaller {

		@Bean
		RemotePlanner remotePlanner(RestClient.Builder builder, Environment environment) {
			return new RemotePlanner(builder.baseUrl(environment.getRequiredProperty("remote-planner.url")).build());
		}

	}

	@RestController
	static class AgentServerController {

		private final PlannerChat chat;

		private final RestClient restClient;

		private final Environment environment;

		AgentServerController(PlannerChat chat, RestClient restClient, Environment environment) {
			this.chat = chat;
			this.restClient = restClient;
			this.environment = environment;
		}

		@PostMapping("/a2a")
		String a2a(@RequestBody String message) {
			return this.chat.run(message);
		}

		@GetMapping("/headers")
		Map<String, List<String>> headers(@RequestHeader HttpHeaders headers) {
			Map<String, List<String>> found = new LinkedHashMap<>();
			found.put("traceparent", headers.getOrEmpty("traceparent"));
			return found;
		}

		@GetMapping("/relay")
		@SuppressWarnings("unchecked")
		List<Map<String, List<String>>> relay() {
			String url = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + "/headers";
			return List.of(this.restClient.get().uri(url).retrieve().body(Map.class),
					this.restClient.get().uri(url).retrieve().body(Map.class));
		}

	}

	@Agent(name = "remote_planner", remote = true)
	static class RemotePlanner {

		private final RestClient restClient;

		RemotePlanner(RestClient restClient) {
			this.restClient = restClient;
		}

		public String ask(String question) {
			return this.restClient.post().uri("/a2a").body(question).retrieve().body(String.class);
		}

	}

	static class PlannerChat {

		private final Planner planner;

		PlannerChat(Planner planner) {
			this.planner = planner;
		}

		@Conversation(agent = "planner", id = "trip-7")
		public String run(String message) {
			return this.planner.reply(message);
		}

	}

	@Agent(name = "planner")
	static class Planner {

		private final ScriptedLlm llm;

		Planner(ScriptedLlm llm) {
			this.llm = llm;
		}

		public String reply(String message) {
			return this.llm.chat(message);
		}

	}

	@LlmClient(provider = "openai", model = "gpt-4o-mini")
	static class ScriptedLlm {

		public String chat(String prompt) {
			Ag2Span.current().setUsage(12, 5).setFinishReasons("stop");
			return "Take the night train.";
		}

	}

}
