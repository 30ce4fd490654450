package ai.ag2.tracing.autoconfigure;

import java.time.Duration;
import java.util.List;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.internal.console.ConsoleTraceTreeExporter;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Ag2TracingConsoleAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class Ag2TracingConsoleAutoConfigurationTests {

	private final ApplicationContextRunner runner = TracingContextRunners.withInMemoryExporter()
		.withConfiguration(AutoConfigurations.of(Ag2TracingConsoleAutoConfiguration.class));

	@Test
	void consoleIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ConsoleTraceTreeExporter.class));
	}

	@Test
	void whenEnabledTheConsoleExporterJoinsBootsSpanExporters() {
		this.runner.withPropertyValues("ag2.tracing.console.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ConsoleTraceTreeExporter.class).hasBean("ag2ConsoleTraceTreeExporter");
			List<SpanExporter> exporters = context.getBean(SpanExporters.class).list();
			assertThat(exporters).contains(context.getBean(ConsoleTraceTreeExporter.class));
		});
	}

	@Test
	void whenAg2TracingIsDisabledThereIsNoConsole() {
		this.runner.withPropertyValues("ag2.tracing.console.enabled=true", "ag2.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsoleTraceTreeExporter.class));
	}

	@Test
	void withoutTheOpenTelemetrySdkThereIsNoConsole() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(Ag2TracingConsoleAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SpanExporter.class))
			.withPropertyValues("ag2.tracing.console.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ConsoleTraceTreeExporter.class));
	}

	@Test
	void userSuppliedConsoleExporterWins() {
		this.runner.withPropertyValues("ag2.tracing.console.enabled=true")
			.withUserConfiguration(CustomConsoleConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ConsoleTraceTreeExporter.class)
				.hasBean("customConsole"));
	}

	@Test
	void finishedConversationIsPrintedOnStandardOutput(CapturedOutput output) {
		this.runner.withPropertyValues("ag2.tracing.console.enabled=true", "spring.application.name=console-test")
			.withUserConfiguration(ChatConfiguration.class)
			.run((context) -> {
				context.getBean(Chat.class).initiateChat("hello");
				// a batch processor's flush can return while spans queued just before it are on their way
				Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10,
							java.util.concurrent.TimeUnit.SECONDS);
					assertThat(output.getOut()).containsPattern("trace [0-9a-f]{32} · console-test\n"
							+ "conversation user_proxy  \\([0-9.]+ m?s, 1 turn\\)\n"
							+ "└── invoke_agent assistant  \\([0-9.]+ m?s\\)\n"
							+ "total  [0-9.]+ m?s\n\n");
				});
			});
	}

	@Test
	void closingTheContextPrintsTracesStillInBootsBatchProcessor(CapturedOutput output) {
		this.runner
			.withPropertyValues("ag2.tracing.console.enabled=true",
					"management.opentelemetry.tracing.export.schedule-delay=1h")
			.withUserConfiguration(ChatConfiguration.class)
			.run((context) -> {
				context.getBean(Chat.class).initiateChat("hello");
				assertThat(output.getOut()).doesNotContain("conversation user_proxy");
			});
		assertThat(output.getOut()).contains("conversation user_proxy").contains("└── invoke_agent assistant");
	}

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(org.springframework.boot.autoconfigure.AutoConfiguration.class, null)
			.getCandidates()).contains(Ag2TracingConsoleAutoConfiguration.class.getName());
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConsoleConfiguration {

		@Bean
		ConsoleTraceTreeExporter customConsole() {
			return new ConsoleTraceTreeExporter(System.out, Duration.ofSeconds(1), 10);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChatConfiguration {

		@Bean
		Assistant assistant() {
			return new Assistant();
		}

		@Bean
		Chat chat(Assistant assistant) {
			return new Chat(assistant);
		}

	}

	@Agent(name = "assistant")
	static class Assistant {

		public String reply(String message) {
			return "hi";
		}

	}

	static class Chat {

		private final Assistant assistant;

		Chat(Assistant assistant) {
			this.assistant = assistant;
		}

		@Conversation(agent = "user_proxy")
		public String initiateChat(String message) {
			return this.assistant.reply(message);
		}

	}

}
