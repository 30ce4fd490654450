package ai.ag2.tracing.aop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2ContextPropagation;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

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

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void toolsOnAWrappedVirtualThreadExecutorNestUnderTheirTurn() {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(AsyncConfiguration.class)
			.run((context) -> {
				// compiled for Java 17: the virtual-thread executor is looked up reflectively
				ExecutorService virtualThreads = (ExecutorService) Executors.class
					.getMethod("newVirtualThreadPerTaskExecutor")
					.invoke(null);
				ExecutorService pool = Ag2ContextPropagation.wrap(virtualThreads);
				try {
					List<String> results = context.getBean(Researcher.class).researchOn(pool, List.of("a", "b", "c"));
					assertThat(results).containsExactly("docs about a", "docs about b", "docs about c");
				}
				finally {
					pool.shutdown();
				}
				SpanTree tree = TracingContextRunners.awaitSpans(context, 4);
				SpanData turn = tree.span("invoke_agent researcher");
				assertThat(tree.all("execute_tool lookup")).hasSize(3)
					.allSatisfy((tool) -> assertThat(tool.getParentSpanId()).isEqualTo(turn.getSpanId()));
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

		@Tool
		public String lookup(String topic) {
			return "docs about " + topic;
		}

	}

	@Agent(name = "researcher")
	static class Researcher {

		private final SearchTools tools;

		Researcher(SearchTools tools) {
			this.tools = tools;
		}

		public List<String> researchOn(ExecutorService pool, List<String> topics) {
			List<CompletableFuture<String>> running = topics.stream()
				.map((topic) -> CompletableFuture.supplyAsync(() -> this.tools.lookup(topic), pool))
				.toList();
			return running.stream().map(CompletableFuture::join).toList();
		}

		public List<String> research(List<String> topics) {
			List<CompletableFuture<String>> running = topics.stream().map(this.tools::search).toList();
			return running.stream().map(CompletableFuture::join).toList();
		}

	}

}
