package ai.ag2.tracing.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.ag2.tracing.Ag2OperationListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One call of the same tool method, traced in each of the ways users trace it, next to the plain
 * call. Every variant runs in the same Spring application (same OpenTelemetry SDK, sampler, batch
 * processor and counting exporter), so ratios compare instrumentation only. Each variant's state
 * starts its own application, so a fork starts only the one it needs. How to run them:
 * {@code docs/performance.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracedCallBenchmarks {

	/** Tracing on, content capture off (the defaults). */
	@State(Scope.Benchmark)
	public static class TracingOn {

		ConfigurableApplicationContext context;

		PlainWeatherTool plain;

		HandWrittenSpanWeatherTool handWritten;

		Ag2WeatherTool ag2;

		Ag2ChatClient ag2Llm;

		ObservedWeatherTool observed;

		WithSpanWeatherTool withSpan;

		ProceedOnlyWeatherTool proceedOnly;

		InterceptedOnlyWeatherTool interceptedOnly;

		Ag2WeatherAgent ag2Agent;

		HandWrittenSpanWeatherAgent handWrittenAgent;

		HandWrittenSpanChatClient handWrittenLlm;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkApplication.withCountingExporter();
			this.plain = this.context.getBean(PlainWeatherTool.class);
			this.handWritten = this.context.getBean(HandWrittenSpanWeatherTool.class);
			this.ag2 = this.context.getBean(Ag2WeatherTool.class);
			this.ag2Llm = this.context.getBean(Ag2ChatClient.class);
			this.observed = this.context.getBean(ObservedWeatherTool.class);
			this.withSpan = this.context.getBean(WithSpanWeatherTool.class);
			this.proceedOnly = this.context.getBean(ProceedOnlyWeatherTool.class);
			this.interceptedOnly = this.context.getBean(InterceptedOnlyWeatherTool.class);
			this.ag2Agent = this.context.getBean(Ag2WeatherAgent.class);
			this.handWrittenAgent = this.context.getBean(HandWrittenSpanWeatherAgent.class);
			this.handWrittenLlm = this.context.getBean(HandWrittenSpanChatClient.class);
			SpanShapes.assertSame(this.context, () -> {
				this.ag2.getWeather("Paris", 1);
				this.handWritten.getWeather("Paris", 1);
			}, () -> {
				this.ag2Agent.reply("Paris", 1);
				this.handWrittenAgent.reply("Paris", 1);
			}, () -> {
				this.ag2Agent.chat("chat-1", "Paris", 1);
				this.handWrittenAgent.chat("chat-1", "Paris", 1);
			}, () -> {
				this.ag2Llm.complete(OpenAiShapes.REQUEST);
				this.handWrittenLlm.complete(OpenAiShapes.REQUEST);
			});
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** Tracing on with {@code ag2.tracing.capture-content=true}. */
	@State(Scope.Benchmark)
	public static class ContentCaptureOn {

		ConfigurableApplicationContext context;

		Ag2WeatherTool ag2;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkApplication.withCountingExporter("ag2.tracing.capture-content=true");
			this.ag2 = this.context.getBean(Ag2WeatherTool.class);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** Tracing on and Boot's OTLP meter registry present, ag2's GenAI metrics on (the default). */
	@State(Scope.Benchmark)
	public static class MetricsOn {

		ConfigurableApplicationContext context;

		Ag2ChatClient ag2Llm;

		Ag2WeatherTool ag2;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkApplication.withCountingExporterAndMeterRegistry();
			this.ag2Llm = this.context.getBean(Ag2ChatClient.class);
			this.ag2 = this.context.getBean(Ag2WeatherTool.class);
		}

		@TearDown(Level.Trial)
		public void stop() {
			// a figure of metrics that recorded nothing would be worthless
			MeterRegistry registry = this.context.getBean(MeterRegistry.class);
			DistributionSummary llmCalls = registry.find("gen_ai.client.operation.duration").summary();
			DistributionSummary toolCalls = registry.find("gen_ai.execute_tool.duration").summary();
			this.context.close();
			if ((llmCalls == null || llmCalls.count() == 0) && (toolCalls == null || toolCalls.count() == 0)) {
				throw new IllegalStateException("ag2's metrics recorded no call");
			}
		}

	}

	/** The same application with {@code ag2.tracing.metrics.enabled=false}. */
	@State(Scope.Benchmark)
	public static class MetricsOff {

		ConfigurableApplicationContext context;

		Ag2ChatClient ag2Llm;

		Ag2WeatherTool ag2;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkApplication.withCountingExporterAndMeterRegistry("ag2.tracing.metrics.enabled=false");
			this.ag2Llm = this.context.getBean(Ag2ChatClient.class);
			this.ag2 = this.context.getBean(Ag2WeatherTool.class);
			if (this.context.getBeanNamesForType(MeterRegistry.class).length == 0
					|| this.context.getBeanNamesForType(Ag2OperationListener.class).length != 0) {
				throw new IllegalStateException("expected a meter registry and no ag2 metrics");
			}
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** {@code ag2.tracing.enabled=false}: no aspect, the {@code @Tool} bean is not proxied. */
	@State(Scope.Benchmark)
	public static class Ag2Disabled {

		ConfigurableApplicationContext context;

		Ag2WeatherTool ag2;

		@Setup(Level.Trial)
		public void start() {
			this.context = BenchmarkApplication.withCountingExporter("ag2.tracing.enabled=false");
			this.ag2 = this.context.getBean(Ag2WeatherTool.class);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** Arguments that change from call to call, per thread. */
	@State(Scope.Thread)
	public static class Arguments {

		private static final String[] CITIES = { "Paris", "Berlin", "Lisbon", "Oslo", "Rome", "Vienna", "Prague",
				"Dublin" };

		private static final String[] CONVERSATIONS = { "chat-0", "chat-1", "chat-2", "chat-3", "chat-4", "chat-5",
				"chat-6", "chat-7" };

		private int next;

		String city() {
			return CITIES[this.next++ & 7];
		}

		String conversationId() {
			return CONVERSATIONS[(this.next >> 3) & 7];
		}

		int day() {
			return this.next & 3;
		}

	}

	@Benchmark
	public String plainCall(TracingOn app, Arguments args) {
		return app.plain.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String handWrittenSpan(TracingOn app, Arguments args) {
		return app.handWritten.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String ag2ToolContentOff(TracingOn app, Arguments args) {
		return app.ag2.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String ag2ToolContentOn(ContentCaptureOn app, Arguments args) {
		return app.ag2.getWeather(args.city(), args.day());
	}

	@Benchmark
	public Map<String, Object> ag2LlmOpenAiResponse(TracingOn app) {
		return app.ag2Llm.complete(OpenAiShapes.REQUEST);
	}

	@Benchmark
	public Map<String, Object> ag2LlmMetricsOn(MetricsOn app) {
		return app.ag2Llm.complete(OpenAiShapes.REQUEST);
	}

	@Benchmark
	public Map<String, Object> ag2LlmMetricsOff(MetricsOff app) {
		return app.ag2Llm.complete(OpenAiShapes.REQUEST);
	}

	@Benchmark
	public String micrometerObserved(TracingOn app, Arguments args) {
		return app.observed.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String otelWithSpan(TracingOn app, Arguments args) {
		return app.withSpan.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String springAopProceedOnly(TracingOn app, Arguments args) {
		return app.proceedOnly.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String interceptorProceedOnly(TracingOn app, Arguments args) {
		return app.interceptedOnly.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String handWrittenAgentSpan(TracingOn app, Arguments args) {
		return app.handWrittenAgent.reply(args.city(), args.day());
	}

	@Benchmark
	public String ag2Agent(TracingOn app, Arguments args) {
		return app.ag2Agent.reply(args.city(), args.day());
	}

	@Benchmark
	public String handWrittenConversationSpan(TracingOn app, Arguments args) {
		String city = args.city();
		return app.handWrittenAgent.chat(args.conversationId(), city, args.day());
	}

	@Benchmark
	public String ag2Conversation(TracingOn app, Arguments args) {
		String city = args.city();
		return app.ag2Agent.chat(args.conversationId(), city, args.day());
	}

	@Benchmark
	public Map<String, Object> handWrittenLlmSpan(TracingOn app) {
		return app.handWrittenLlm.complete(OpenAiShapes.REQUEST);
	}

	@Benchmark
	public String ag2ToolMetricsOn(MetricsOn app, Arguments args) {
		return app.ag2.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String ag2ToolMetricsOff(MetricsOff app, Arguments args) {
		return app.ag2.getWeather(args.city(), args.day());
	}

	@Benchmark
	public String ag2Disabled(Ag2Disabled app, Arguments args) {
		return app.ag2.getWeather(args.city(), args.day());
	}

}
