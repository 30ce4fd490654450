package ai.ag2.tracing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2HttpClients;
import ai.ag2.tracing.Ag2OkHttpInterceptor;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.web.OutboundClientsApplication.ObservedStep;
import ai.ag2.tracing.web.OutboundClientsApplication.RemoteWeather;
import ai.ag2.tracing.web.OutboundClientsApplication.WeatherModel;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpObservationInterceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.java11.instrument.binder.jdk.MicrometerHttpClient;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.WebApplicationType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP client an agent uses, against a server on loopback that records the headers: each
 * request made inside a remote agent's turn carries exactly one {@code traceparent}, naming the
 * one HTTP client span of the exchange (Micrometer's where its observation made one, else ag2's),
 * which is a child of the agent span; the agent span records the server's address and port.
 */
class OutboundHttpClientsTests {

	private static final RecordingServer server = new RecordingServer();

	@AfterAll
	static void stopServer() {
		server.close();
	}

	/** Spring Boot's default: Micrometer's HTTP client observations on. */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithMicrometerObservations {

		private RunningService app;

		@BeforeAll
		void start() {
			this.app = RunningService.start("agent-caller", WebApplicationType.NONE, OutboundClientsApplication.class);
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@BeforeEach
		void reset() {
			this.app.resetSpans();
			server.reset();
		}

		@Test
		void restTemplateFromBootsBuilderSendsMicrometersClientSpanAsTheOnlyParent() {
			RestTemplate restTemplate = this.app.context().getBean("builtRestTemplate", RestTemplate.class);
			ask(this.app, () -> restTemplate.getForObject(server.url("/weather"), String.class));

			assertOneExchangeUnderTheAgent(this.app, "http get", false);
		}

		@Test
		void restTemplateBuiltByHandHasTheInterceptorOnceAndAnAg2ClientSpan() {
			RestTemplate restTemplate = this.app.context().getBean("handMadeRestTemplate", RestTemplate.class);
			ask(this.app, () -> restTemplate.getForObject(server.url("/weather"), String.class));

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void restTemplateFromBootsBuilderThatIsAlsoABeanHasTheInterceptorOnce() {
			RestTemplate restTemplate = this.app.context().getBean("builtRestTemplate", RestTemplate.class);

			assertThat(restTemplate.getInterceptors()).filteredOn(
					(interceptor) -> interceptor instanceof ai.ag2.tracing.internal.web.TraceContextInterceptor)
				.hasSize(1);
		}

		@Test
		void webClientFromBootsBuilderSendsMicrometersClientSpanAsTheOnlyParent() {
			WebClient webClient = this.app.context().getBean("builtWebClient", WebClient.class);
			ask(this.app, () -> webClient.get().uri(server.url("/weather")).retrieve().bodyToMono(String.class).block());

			assertOneExchangeUnderTheAgent(this.app, "http get", false);
		}

		@Test
		void webClientBuiltByHandGetsAnAg2ClientSpan() {
			WebClient webClient = this.app.context().getBean("handMadeWebClient", WebClient.class);
			ask(this.app, () -> webClient.get().uri(server.url("/weather")).retrieve().bodyToMono(String.class).block());

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void webClientSubscribedOnAnotherThreadStaysInTheAgentsTrace() {
			WebClient webClient = this.app.context().getBean("handMadeWebClient", WebClient.class);
			String answer = this.app.bean(RemoteWeather.class)
				.askLater(() -> webClient.get().uri(server.url("/weather")).retrieve().bodyToMono(String.class))
				.block();

			assertThat(answer).isEqualTo("ok");
			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void jdkHttpClientWrappedByAg2GetsAnAg2ClientSpan() {
			HttpClient client = this.app.bean(HttpClient.class);
			ask(this.app, () -> send(client));

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void jdkHttpClientSendAsyncKeepsTheCallersContext() {
			HttpClient client = this.app.bean(HttpClient.class);
			ask(this.app, () -> client.sendAsync(get(), HttpResponse.BodyHandlers.ofString())
				.thenApplyAsync(HttpResponse::body)
				.join());

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void micrometersJdkHttpClientWrappedByAg2SendsOneTraceparentOfMicrometersSpan() {
			HttpClient observed = MicrometerHttpClient
				.instrumentationBuilder(HttpClient.newHttpClient(), new SimpleMeterRegistry())
				.observationRegistry(this.app.bean(ObservationRegistry.class))
				.build();
			HttpClient client = this.app.bean(Ag2HttpClients.class).wrap(observed);
			ask(this.app, () -> send(client));

			assertOneExchangeUnderTheAgent(this.app, "HTTP GET", false);
		}

		@Test
		void ag2JdkHttpClientWrappedByMicrometerSendsOneTraceparentOfMicrometersSpan() {
			HttpClient client = MicrometerHttpClient
				.instrumentationBuilder(this.app.bean(Ag2HttpClients.class).wrap(HttpClient.newHttpClient()),
						new SimpleMeterRegistry())
				.observationRegistry(this.app.bean(ObservationRegistry.class))
				.build();
			ask(this.app, () -> send(client));

			assertOneExchangeUnderTheAgent(this.app, "HTTP GET", false);
		}

		@Test
		void okHttpWithAg2sInterceptorGetsAnAg2ClientSpan() {
			OkHttpClient client = this.app.bean(OkHttpClient.class);
			ask(this.app, () -> execute(client));

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void okHttpEnqueuedWithTheContextTagStaysInTheAgentsTrace() {
			OkHttpClient client = this.app.bean(OkHttpClient.class);
			ask(this.app, () -> {
				Request request = new Request.Builder().url(server.url("/weather"))
					.tag(Context.class, Context.current())
					.build();
				CompletableFuture<String> body = new CompletableFuture<>();
				client.newCall(request).enqueue(new Callback() {
					@Override
					public void onFailure(Call call, IOException ex) {
						body.completeExceptionally(ex);
					}

					@Override
					public void onResponse(Call call, Response response) throws IOException {
						try (response) {
							body.complete(response.body().string());
						}
					}
				});
				return body.join();
			});

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void okHttpBehindMicrometersObservationInterceptorSendsOneTraceparentOfMicrometersSpan() {
			OkHttpClient client = new OkHttpClient.Builder()
				.addInterceptor(OkHttpObservationInterceptor.builder(this.app.bean(ObservationRegistry.class),
						"okhttp.requests").build())
				.addInterceptor(this.app.bean(Ag2OkHttpInterceptor.class))
				.build();
			ask(this.app, () -> execute(client));

			// Micrometer's OkHttp observation names its span by the method alone
			assertOneExchangeUnderTheAgent(this.app, "GET", false);
		}

		@Test
		void callerSuppliedTracestateOfAnotherTraceparentIsNotSent() {
			OkHttpClient client = this.app.bean(OkHttpClient.class);
			ask(this.app, () -> execute(client, new Request.Builder().url(server.url("/weather"))
				.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
				.header("tracestate", "vendor=stale")
				.build()));

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
			assertThat(server.onlyRequestHeader("tracestate")).isEmpty();
		}

		@Test
		void llmCallRecordsTheEndpointOnTheChatSpan() {
			HttpClient client = this.app.bean(HttpClient.class);
			this.app.bean(WeatherModel.class).complete(() -> send(client));

			SpanTree tree = RunningService.awaitSpans(2, this.app);
			SpanData chat = tree.span("chat gpt-4o-mini");
			assertThat(chat.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
			assertThat(chat.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo((long) server.port());
			SpanData get = tree.span("GET");
			assertThat(get.getParentSpanId()).isEqualTo(chat.getSpanId());
			assertThat(server.onlyRequestHeader("traceparent")).containsExactly(traceparent(get));
		}

		@Test
		void callsOutsideAnyTraceSendNoTraceparentAndOpenNoSpan() {
			send(this.app.bean(HttpClient.class));
			execute(this.app.bean(OkHttpClient.class));
			this.app.context().getBean("handMadeWebClient", WebClient.class)
				.get()
				.uri(server.url("/weather"))
				.retrieve()
				.bodyToMono(String.class)
				.block();

			assertThat(server.requests()).hasSize(3)
				.allSatisfy((headers) -> assertThat(headers).doesNotContainKey("traceparent"));
			assertThat(RunningService.awaitSpans(0, this.app).spans()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT
					&& span.getInstrumentationScopeInfo().getName().equals(Ag2Attributes.INSTRUMENTATION_SCOPE))
				.isEmpty();
		}

	}

	/** Micrometer's HTTP client observations switched off: ag2 opens the client spans. */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithoutMicrometerObservations {

		private RunningService app;

		@BeforeAll
		void start() {
			this.app = RunningService.start("agent-caller", WebApplicationType.NONE, OutboundClientsApplication.class,
					RunningService.WITHOUT_HTTP_OBSERVATIONS[0], RunningService.WITHOUT_HTTP_OBSERVATIONS[1],
					"management.observations.annotations.enabled=true");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@BeforeEach
		void reset() {
			this.app.resetSpans();
			server.reset();
		}

		@Test
		void restClientCallInsideAnObservedStepGetsAClientSpanOfItsOwn() {
			RestClient restClient = this.app.context().getBean("builtRestClient", RestClient.class);
			ObservedStep step = this.app.bean(ObservedStep.class);
			ask(this.app, () -> step.fetch(() -> restClient.get().uri(server.url("/weather")).retrieve().body(String.class)));

			SpanTree tree = RunningService.awaitSpans(3, this.app);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent remote_weather [CLIENT]
					  ObservedStep#fetch [INTERNAL]
					    GET [CLIENT]
					""");
			SpanData get = tree.span("GET");
			assertThat(get.getInstrumentationScopeInfo().getName()).isEqualTo(Ag2Attributes.INSTRUMENTATION_SCOPE);
			assertThat(get.getParentSpanId()).isEqualTo(tree.span("ObservedStep#fetch").getSpanId());
			assertThat(server.onlyRequestHeader("traceparent")).containsExactly(traceparent(get));
			assertThat(tree.span("invoke_agent remote_weather").getAttributes().get(ServerAttributes.SERVER_PORT))
				.isEqualTo((long) server.port());
		}

		@Test
		void restClientCallsInsideAnotherClientSpanEachGetAClientSpanOfTheirOwn() {
			RestClient restClient = this.app.context().getBean("builtRestClient", RestClient.class);
			Tracer tracer = this.app.bean(OpenTelemetry.class).getTracer("billing-client");
			ask(this.app, () -> {
				// a span of the application's around two calls, not the span of either exchange
				Span batch = tracer.spanBuilder("charge card").setSpanKind(SpanKind.CLIENT).startSpan();
				try (Scope ignored = batch.makeCurrent()) {
					restClient.get().uri(server.url("/authorize")).retrieve().body(String.class);
					return restClient.get().uri(server.url("/capture")).retrieve().body(String.class);
				}
				finally {
					batch.end();
				}
			});

			SpanTree tree = RunningService.awaitSpans(4, this.app);
			assertThat(tree.render()).isEqualTo("""
					invoke_agent remote_weather [CLIENT]
					  charge card [CLIENT]
					    GET [CLIENT]
					    GET [CLIENT]
					""");
			List<String> sent = server.requests().stream().flatMap((headers) -> headers.get("traceparent").stream()).toList();
			assertThat(sent).containsExactlyElementsOf(tree.all("GET").stream().map(OutboundHttpClientsTests::traceparent).toList());
		}

		@Test
		void restTemplateFromBootsBuilderGetsAnAg2ClientSpan() {
			RestTemplate restTemplate = this.app.context().getBean("builtRestTemplate", RestTemplate.class);
			ask(this.app, () -> restTemplate.getForObject(server.url("/weather"), String.class));

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void webClientFromBootsBuilderGetsAnAg2ClientSpan() {
			WebClient webClient = this.app.context().getBean("builtWebClient", WebClient.class);
			ask(this.app, () -> webClient.get().uri(server.url("/weather")).retrieve().bodyToMono(String.class).block());

			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

		@Test
		void webClientSubscribedOnAnotherThreadStaysInTheAgentsTrace() {
			WebClient webClient = this.app.context().getBean("builtWebClient", WebClient.class);
			String answer = this.app.bean(RemoteWeather.class)
				.askLater(() -> webClient.get().uri(server.url("/weather")).retrieve().bodyToMono(String.class))
				.block();

			assertThat(answer).isEqualTo("ok");
			assertOneExchangeUnderTheAgent(this.app, "GET", true);
		}

	}

	private static void ask(RunningService app, java.util.function.Supplier<String> call) {
		assertThat(app.bean(RemoteWeather.class).ask(call)).isEqualTo("ok");
	}

	/**
	 * The agent span has one child, the CLIENT span of the exchange, whose id is the parent in the
	 * only {@code traceparent} the server received; the agent span has the server's address.
	 */
	private static void assertOneExchangeUnderTheAgent(RunningService app, String clientSpanName, boolean ag2Span) {
		SpanTree tree = RunningService.awaitSpans(2, app);
		SpanData agent = tree.span("invoke_agent remote_weather");
		assertThat(agent.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(agent.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(agent.getAttributes().get(ServerAttributes.SERVER_PORT)).isEqualTo((long) server.port());
		assertThat(tree.render()).isEqualTo("invoke_agent remote_weather [CLIENT]\n  " + clientSpanName + " [CLIENT]\n");
		SpanData client = tree.span(clientSpanName);
		assertThat(client.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(client.getInstrumentationScopeInfo().getName().equals(Ag2Attributes.INSTRUMENTATION_SCOPE))
			.as("client span of ag2's scope").isEqualTo(ag2Span);
		if (ag2Span) {
			assertThat(client.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
		}
		assertThat(server.onlyRequestHeader("traceparent"))
			.containsExactly(traceparent(client));
	}

	private static String traceparent(SpanData span) {
		return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
	}

	private static HttpRequest get() {
		return HttpRequest.newBuilder(URI.create(server.url("/weather"))).GET().build();
	}

	private static String send(HttpClient client) {
		try {
			return client.send(get(), HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String execute(OkHttpClient client) {
		return execute(client, new Request.Builder().url(server.url("/weather")).build());
	}

	private static String execute(OkHttpClient client, Request request) {
		try (Response response = client.newCall(request).execute()) {
			return response.body().string();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
