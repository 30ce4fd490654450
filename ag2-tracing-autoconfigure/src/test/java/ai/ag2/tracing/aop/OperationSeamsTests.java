package ai.ag2.tracing.aop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2OperationListener;
import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.Ag2Instrumentation;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.context.SpanKey;
import ai.ag2.tracing.internal.recorder.SpanRecorder;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seams other parts of ag2 build on: operation listeners, span keys that merge an operation
 * into another instrumentation's span, recorder beans, and failures of ours (any Throwable) that
 * never reach the caller.
 */
class OperationSeamsTests {

	private static final AttributeKey<String> TENANT = AttributeKey.stringKey("app.tenant");

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(SeamsConfiguration.class);

	@Test
	void listenersSeeEveryOperationStartAndEndWithItsOutcomeDurationAndUsage() {
		this.runner.withBean(RecordingListener.class, RecordingListener::new).run((context) -> {
			context.getBean(Chat.class).chat("weather in Paris?");
			RecordingListener listener = context.getBean(RecordingListener.class);
			assertThat(listener.started).containsExactly("conversation user", "invoke_agent assistant",
					"chat gpt-4o-mini", "execute_tool get_weather");
			assertThat(listener.ended).extracting(Ag2Operation::spanName)
				.containsExactly("chat gpt-4o-mini", "execute_tool get_weather", "invoke_agent assistant",
						"conversation user");
			Ag2Operation llm = listener.ended.get(0);
			assertThat(llm.type()).isEqualTo(Ag2SpanType.LLM);
			assertThat(llm.agentName()).isEqualTo("assistant");
			assertThat(llm.conversationId()).isEqualTo("c-1");
			assertThat(llm.llmCall().getProviderName()).isEqualTo("openai");
			assertThat(llm.llmCall().getInputTokens()).isEqualTo(12L);
			assertThat(llm.durationNanos()).isGreaterThanOrEqualTo(0);
			Ag2Operation tool = listener.ended.get(1);
			assertThat(tool.toolName()).isEqualTo("get_weather");
			assertThat(tool.errorType()).isEqualTo(IllegalStateException.class.getName());
			SpanTree tree = TracingContextRunners.awaitSpans(context, 4);
			// an attribute a listener sets at the start is on the span from its start
			assertThat(tree.spans()).allSatisfy((span) -> assertThat(span.getAttributes().get(TENANT)).isEqualTo("acme"));
		});
	}

	@Test
	void aListenerThatThrowsNeitherBreaksTheCallNorTheSpanNorTheOtherListeners() {
		this.runner.withBean("throwing", Ag2OperationListener.class, ThrowingListener::new)
			.withBean(RecordingListener.class, RecordingListener::new)
			.run((context) -> {
				assertThat(context.getBean(Chat.class).chat("weather in Paris?")).isEqualTo("It is sunny.");
				assertThat(context.getBean(RecordingListener.class).ended).hasSize(4);
				assertThat(TracingContextRunners.awaitSpans(context, 4).spans()).hasSize(4);
			});
	}

	@Test
	void anAg2ToolInsideAnotherInstrumentationsToolSpanAddsToThatSpanInsteadOfOpeningASecond() {
		this.runner.run((context) -> {
			Span libraryTool = context.getBean(Ag2Instrumentation.class).tracer().spanBuilder("execute_tool get_weather")
				.startSpan();
			Context library = SpanKey.TOOL.storeIn(Context.current().with(libraryTool), libraryTool, "a-library");
			try (Scope ignored = library.makeCurrent()) {
				assertThatThrownBy(() -> context.getBean(Weather.class).getWeather("Paris"))
					.hasMessage("weather service down");
			}
			finally {
				libraryTool.end();
			}
			SpanTree tree = TracingContextRunners.awaitSpans(context, 1);
			assertThat(tree.render()).isEqualTo("execute_tool get_weather [INTERNAL]\n");
			SpanData merged = tree.span("execute_tool get_weather");
			assertThat(merged.getSpanId()).isEqualTo(libraryTool.getSpanContext().getSpanId());
			assertThat(merged.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_NAME)).isEqualTo("get_weather");
			assertThat(merged.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION)).isEqualTo("Current weather");
		});
	}

	@Test
	void anAg2ToolInsideAnAg2ToolIsASpanOfItsOwn() {
		this.runner.run((context) -> {
			context.getBean(Forecaster.class).forecast("Paris");
			assertThat(TracingContextRunners.awaitSpans(context, 2).render()).isEqualTo("""
					execute_tool forecast [INTERNAL]
					  execute_tool get_weather [INTERNAL]
					""");
		});
	}

	@Test
	void aRecorderBeanForAnAnnotationReplacesTheBuiltInOne() {
		this.runner.withBean("customToolRecorder", ToolRecorder.class, ToolRecorder::new).run((context) -> {
			context.getBean(Forecaster.class).forecast("Paris");
			assertThat(TracingContextRunners.awaitSpans(context, 2).render()).isEqualTo("""
					custom forecast [INTERNAL]
					  custom getWeather [INTERNAL]
					""");
		});
	}

	@Test
	void errorsThrownByAnExtractorNeverReachTheCallerAndTheSpanStillEnds() {
		this.runner.withBean("brokenExtractor", LlmCallExtractor.class, BrokenExtractor::new).run((context) -> {
			assertThat(context.getBean(Model.class).chat(Map.of("model", "gpt-4o-mini", "messages", List.of())))
				.containsEntry("id", "r-1");
			SpanData chat = TracingContextRunners.awaitSpans(context, 1).span("chat gpt-4o-mini");
			assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(12L);
		});
	}

	@Test
	void aRequestModelSetThroughTheHandleNamesTheSpan() {
		this.runner.run((context) -> {
			context.getBean(Router.class).route("hi");
			SpanData chat = TracingContextRunners.awaitSpans(context, 1).span("chat gpt-4.1");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4.1");
		});
	}

	@Test
	void aModelChangedInsideTheCallRenamesTheSpanAndReplacesTheModelItStartedWith() {
		this.runner.run((context) -> {
			context.getBean(Router.class).reroute(Map.of("model", "gpt-4o-mini", "messages", List.of()));
			SpanData chat = TracingContextRunners.awaitSpans(context, 1).span("chat gpt-4.1");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4.1");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
		});
	}

	@Test
	void aValueTheMethodSetsOnItsOwnSpanIsNotOverwrittenAtTheEndWithTheUnchangedStartValue() {
		this.runner.run((context) -> {
			context.getBean(Router.class).relabel(Map.of("model", "gpt-4o-mini", "messages", List.of()));
			SpanData chat = TracingContextRunners.awaitSpans(context, 1).span("chat gpt-4o-mini");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_PROVIDER_NAME)).isEqualTo("azure.ai.openai");
			assertThat(chat.getAttributes().get(Ag2Attributes.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
		});
	}

	@Test
	void aListenerThatOverridesAToolsDeclaredAttributeChangesThatCallOnlyNotTheMethodsNextCalls() {
		this.runner.withBean(DescriptionOverridingListener.class, DescriptionOverridingListener::new).run((context) -> {
			Weather weather = context.getBean(Weather.class);
			assertThatThrownBy(() -> weather.getWeather("Paris")).hasMessage("weather service down");
			assertThatThrownBy(() -> weather.getWeather("Oslo")).hasMessage("weather service down");
			List<SpanData> spans = TracingContextRunners.awaitSpans(context, 2).spans();
			assertThat(spans).extracting((span) -> span.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION))
				.containsExactly("overridden once", "Current weather");
			assertThat(spans).allSatisfy((span) -> {
				assertThat(span.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_NAME)).isEqualTo("get_weather");
				assertThat(span.getAttributes().get(TENANT)).isEqualTo("acme");
			});
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SeamsConfiguration {

		@Bean
		Weather weather() {
			return new Weather();
		}

		@Bean
		Model model() {
			return new Model();
		}

		@Bean
		Assistant assistant(Model model, Weather weather) {
			return new Assistant(model, weather);
		}

		@Bean
		Chat chat(Assistant assistant) {
			return new Chat(assistant);
		}

		@Bean
		Forecaster forecaster(Weather weather) {
			return new Forecaster(weather);
		}

		@Bean
		Router router() {
			return new Router();
		}

	}

	static class Weather {

		@Tool(name = "get_weather", description = "Current weather")
		public String getWeather(String city) {
			throw new IllegalStateException("weather service down");
		}

	}

	static class Forecaster {

		private final Weather weather;

		Forecaster(Weather weather) {
			this.weather = weather;
		}

		@Tool
		public String forecast(String city) {
			try {
				return this.weather.getWeather(city);
			}
			catch (IllegalStateException ex) {
				return "unknown";
			}
		}

	}

	static class Model {

		@LlmClient(provider = "openai")
		public Map<String, Object> chat(Map<String, Object> request) {
			return Map.of("id", "r-1", "model", "gpt-4o-mini", "choices",
					List.of(Map.of("finish_reason", "stop", "message", Map.of("role", "assistant", "content", "ok"))),
					"usage", Map.of("prompt_tokens", 12, "completion_tokens", 3));
		}

	}

	@Agent(name = "assistant")
	static class Assistant {

		private final Model model;

		private final Weather weather;

		Assistant(Model model, Weather weather) {
			this.model = model;
			this.weather = weather;
		}

		public String reply(String message) {
			this.model.chat(Map.of("model", "gpt-4o-mini", "messages", List.of()));
			try {
				this.weather.getWeather("Paris");
			}
			catch (IllegalStateException ex) {
				// the model answers without the tool
			}
			return "It is sunny.";
		}

	}

	static class Chat {

		private final Assistant assistant;

		Chat(Assistant assistant) {
			this.assistant = assistant;
		}

		@Conversation(agent = "user", id = "c-1")
		public String chat(String message) {
			return this.assistant.reply(message);
		}

	}

	static class Router {

		@LlmClient(provider = "openai")
		public String route(String prompt) {
			Ag2Span.current().updateLlmCall((details) -> details.setRequestModel("gpt-4.1"));
			return "ok";
		}

		// starts as chat gpt-4o-mini (from the request), then moves to another model
		@LlmClient(provider = "openai")
		public String reroute(Map<String, Object> request) {
			Ag2Span.current().updateLlmCall((details) -> details.setRequestModel("gpt-4.1"));
			return "ok";
		}

		// writes a start attribute on its own span, with the LLM details left as they started
		@LlmClient(provider = "openai")
		public String relabel(Map<String, Object> request) {
			Span.current().setAttribute(Ag2Attributes.GEN_AI_PROVIDER_NAME, "azure.ai.openai");
			return "ok";
		}

	}

	static class RecordingListener implements Ag2OperationListener {

		final List<String> started = new CopyOnWriteArrayList<>();

		final List<Ag2Operation> ended = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Ag2Operation operation) {
			this.started.add(operation.spanName());
			operation.setAttribute(TENANT, "acme");
		}

		@Override
		public void onEnd(Ag2Operation operation) {
			this.ended.add(operation);
		}

	}

	// Overrides the tool description the method declares, on the first call only, and adds a tenant to every call.
	static class DescriptionOverridingListener implements Ag2OperationListener {

		private final AtomicBoolean first = new AtomicBoolean(true);

		@Override
		public void onStart(Ag2Operation operation) {
			operation.setAttribute(TENANT, "acme");
			if (this.first.getAndSet(false)) {
				operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, "overridden once");
			}
		}

		@Override
		public void onEnd(Ag2Operation operation) {
		}

	}

	@Order(-1)
	static class ThrowingListener implements Ag2OperationListener {

		@Override
		public void onStart(Ag2Operation operation) {
			throw new StackOverflowError("listener recursed");
		}

		@Override
		public void onEnd(Ag2Operation operation) {
			throw new AssertionError("listener asserted");
		}

	}

	static class ToolRecorder extends SpanRecorder<Tool> {

		@Override
		public Ag2SpanType type() {
			return Ag2SpanType.TOOL;
		}

		@Override
		public Class<Tool> annotationType() {
			return Tool.class;
		}

		@Override
		public void beforeStart(TracedOperation<Tool> operation) {
			operation.setSpanName("custom " + operation.methodCall().method().getName());
		}

	}

	static class BrokenExtractor implements LlmCallExtractor {

		@Override
		public boolean extractRequest(Object argument, LlmCallDetails details) {
			throw new AssertionError("request extractor asserted");
		}

		@Override
		public boolean extractResponse(Object result, LlmCallDetails details) {
			throw new StackOverflowError("response extractor recursed");
		}

	}

}
