package ai.ag2.tracing.aop;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Async} tools run on Spring Boot's task executor, which the auto-configuration decorates,
 * and still nest under the agent turn that called them.
 */
class AsyncToolTracingTests {

	@Test
	void asyncToolsOnBootsTaskExecutorNestUnderTheirTurn() {
		TracingContextRunners.withInMemoryExporter()
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class)
			.run((context) -> {
				List<String> results = context.getBean(Researcher.class).research(List.of("otel", "ag2"));
				assertThat(results).containsExactly("docs about otel", "docs about ag2");

				SpanTree tree = TracingContextRunners.awaitSpans(context, 3);
				SpanData turn = tree.span("invoke_agent researcher");
				List<SpanData> searches = tree.all("execute_tool search");
				assertThat(searches).hasSize(2).allSatisfy((search) -> {
					assertThat(search.getParentSpanId()).isEqualTo(turn.getSpanId());
					assertThat(search.getAttributes().get(Ag2Attributes.GEN_AI_AGENT_NAME)).isEqualTo("researcher");
				});
				assertThat(searches).extracting(SpanData::getEndEpochNanos)
					.allSatisfy((end) -> assertThat(end).isLessThanOrEqualTo(turn.getEndEpochNanos()));
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		SearchTools searchTools() {
			return new SearchTools();
		}

		@Bean
		Researcher researcher(SearchTools tools) {
			return new Researcher(tools);
		}

	}

	static class SearchTools {

		@Async
		@Tool
		public CompletableFuture<String> search(String topic) {
			return CompletableFuture.completedFuture("docs about " + topic);
		}

	}

	@Agent(name = "researcher")
	static class Researcher {

		private final SearchTools tools;

		Researcher(SearchTools tools) {
			this.tools = tools;
		}

		public List<String> research(List<String> topics) {
			List<CompletableFuture<String>> running = topics.stream().map(this.tools::search).toList();
			return running.stream().map(CompletableFuture::join).toList();
		}

	}

}
