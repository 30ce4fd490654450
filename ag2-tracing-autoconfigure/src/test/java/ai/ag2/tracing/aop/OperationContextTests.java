package ai.ag2.tracing.aop;

import ai.ag2.tracing.Ag2Span;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context a traced call runs in, as the method sees it: the call's span current, its ag2
 * span, everything the caller's context held, and contexts derived inside it that keep all of
 * that, whether the caller's context is the OpenTelemetry API's own or another implementation
 * (an agent's bridge, a wrapper).
 */
class OperationContextTests {

	private static final ContextKey<String> TENANT = ContextKey.named("tenant");

	private static final ContextKey<String> STEP = ContextKey.named("step");

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withUserConfiguration(ToolConfiguration.class);

	@Test
	void insideATracedCallTheContextHasItsSpanItsAg2SpanAndTheCallersEntries() {
		this.runner.run((context) -> {
			Context caller = Context.root().with(TENANT, "acme").with(Baggage.builder().put("user", "u-1").build());
			Seen seen = callIn(caller, context.getBean(WeatherTool.class));
			assertSeenInside(seen, TracingContextRunners.awaitSpans(context, 2));
		});
	}

	@Test
	void aCallersContextOfAnotherImplementationGivesTheSameContextInside() {
		this.runner.run((context) -> {
			Context caller = new ForeignContext(
					Context.root().with(TENANT, "acme").with(Baggage.builder().put("user", "u-1").build()));
			Seen seen = callIn(caller, context.getBean(WeatherTool.class));
			assertSeenInside(seen, TracingContextRunners.awaitSpans(context, 2));
		});
	}

	@Test
	void nestedTracedCallsEachSeeTheirOwnSpanAndTheCallersEntries() {
		this.runner.run((context) -> {
			WeatherTool tool = context.getBean(WeatherTool.class);
			Seen outer;
			try (Scope ignored = Context.root().with(TENANT, "acme").makeCurrent()) {
				outer = tool.forecastWithCheck("Paris");
			}
			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			SpanData forecast = tree.span("execute_tool forecast");
			SpanData check = tree.span("execute_tool check");
			assertThat(tree.parentOf(check)).isEqualTo(forecast);
			assertThat(outer.spanId).isEqualTo(forecast.getSpanId());
			assertThat(outer.nested.spanId).isEqualTo(check.getSpanId());
			assertThat(outer.nested.tenant).isEqualTo("acme");
			assertThat(outer.nested.ag2Type).isEqualTo(Ag2SpanType.TOOL);
			// back in the outer call after the nested one: its own span again
			assertThat(outer.spanAfterNested).isEqualTo(forecast.getSpanId());
		});
	}

	private static Seen callIn(Context caller, WeatherTool tool) {
		Seen seen;
		try (Scope ignored = caller.makeCurrent()) {
			seen = tool.weather("Paris");
			// the caller's context is current again once the call returns
			assertThat(Context.current()).isSameAs(caller);
		}
		return seen;
	}

	private static void assertSeenInside(Seen seen, SpanTree tree) {
		SpanData tool = tree.span("execute_tool weather");
		SpanData inner = tree.span("inner step");
		assertThat(seen.spanId).isEqualTo(tool.getSpanId());
		assertThat(seen.ag2Type).isEqualTo(Ag2SpanType.TOOL);
		assertThat(seen.tenant).isEqualTo("acme");
		assertThat(seen.user).isEqualTo("u-1");
		// a context derived inside the call keeps its span, its ag2 span and the caller's entries
		assertThat(seen.derived.spanId).isEqualTo(tool.getSpanId());
		assertThat(seen.derived.ag2Type).isEqualTo(Ag2SpanType.TOOL);
		assertThat(seen.derived.tenant).isEqualTo("acme");
		assertThat(seen.derived.user).isEqualTo("u-1");
		assertThat(seen.derived.step).isEqualTo("lookup");
		// and a span started inside is the call's child
		assertThat(tree.parentOf(inner)).isEqualTo(tool);
		assertThat(tree.roots()).containsExactly(tool);
	}

	static final class Seen {

		String spanId;

		@Nullable Ag2SpanType ag2Type;

		@Nullable String tenant;

		@Nullable String user;

		@Nullable String step;

		Seen derived;

		Seen nested;

		String spanAfterNested;

		static Seen now() {
			Seen seen = new Seen();
			seen.spanId = Span.current().getSpanContext().getSpanId();
			seen.ag2Type = Ag2Span.current().type();
			seen.tenant = Context.current().get(TENANT);
			seen.user = Baggage.current().getEntryValue("user");
			seen.step = Context.current().get(STEP);
			return seen;
		}

	}

	static class WeatherTool {

		private final OpenTelemetry openTelemetry;

		private final CheckTool checks;

		WeatherTool(OpenTelemetry openTelemetry, CheckTool checks) {
			this.openTelemetry = openTelemetry;
			this.checks = checks;
		}

		@Tool(name = "weather")
		public Seen weather(String city) {
			Seen seen = Seen.now();
			try (Scope ignored = Context.current().with(STEP, "lookup").makeCurrent()) {
				seen.derived = Seen.now();
				this.openTelemetry.getTracer("test").spanBuilder("inner step").startSpan().end();
			}
			return seen;
		}

		@Tool(name = "forecast")
		public Seen forecastWithCheck(String city) {
			Seen seen = Seen.now();
			seen.nested = this.checks.check(city);
			seen.spanAfterNested = Span.current().getSpanContext().getSpanId();
			return seen;
		}

	}

	static class CheckTool {

		@Tool(name = "check")
		public Seen check(String city) {
			return Seen.now();
		}

	}

	/** A context that is not the API's own: every call is passed to the API's, as a bridge does. */
	private record ForeignContext(Context delegate) implements Context {

		@Override
		public <V> @Nullable V get(ContextKey<V> key) {
			return this.delegate.get(key);
		}

		@Override
		public <V> Context with(ContextKey<V> key, V value) {
			return new ForeignContext(this.delegate.with(key, value));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ToolConfiguration {

		@Bean
		CheckTool checkTool() {
			return new CheckTool();
		}

		@Bean
		WeatherTool weatherTool(OpenTelemetry openTelemetry, CheckTool checkTool) {
			return new WeatherTool(openTelemetry, checkTool);
		}

	}

}
