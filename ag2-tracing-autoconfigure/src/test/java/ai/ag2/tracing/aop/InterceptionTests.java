package ai.ag2.tracing.aop;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.LlmCallExtractor;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which calls are intercepted: without AspectJ too, one span per invocation, annotations declared
 * on interfaces, and nothing for methods that are not traced.
 */
@ExtendWith(OutputCaptureExtension.class)
class InterceptionTests {

	@Test
	void tracesWithoutAspectJOnTheClasspath() {
		TracingContextRunners.withInMemoryExporter()
			.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.withBean(Lookup.class)
			.run((context) -> {
				assertThat(context.getBean(Lookup.class).find("otel")).isEqualTo("found otel");
				assertThat(TracingContextRunners.awaitSpans(context, 1).span("execute_tool find").getAttributes()
					.get(Ag2Attributes.AG2_SPAN_TYPE)).isEqualTo("tool");
			});
	}

	@Test
	void aMethodWithSeveralAg2AnnotationsMakesOneSpan() {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(InterceptionConfiguration.class)
			.run((context) -> {
				context.getBean(Host.class).chat("hi");
				SpanTree tree = TracingContextRunners.awaitSpans(context, 1);
				assertThat(tree.render()).isEqualTo("conversation host [INTERNAL]\n");
			});
	}

	@Test
	void annotationsDeclaredOnAnInterfaceAreHonoured() {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(InterceptionConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(Search.class).search("ag2")).isEqualTo("results for ag2");
				assertThat(TracingContextRunners.awaitSpans(context, 1).render())
					.isEqualTo("execute_tool web_search [INTERNAL]\n");
			});
	}

	@Test
	void tracingBeansAreCreatedLateSoEveryApplicationBeanIsPostProcessed(CapturedOutput output) {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(InterceptionConfiguration.class, ExtractorConfiguration.class)
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean(Lookup.class))).isTrue();
				assertThat(context.getBean(Lookup.class).find("x")).isEqualTo("found x");
				assertThat(TracingContextRunners.awaitSpans(context, 1).spans()).hasSize(1);
			});
		assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
	}

	@Test
	void beansWithoutAg2AnnotationsAreNotProxied() {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(InterceptionConfiguration.class)
			.run((context) -> {
				assertThat(AopUtils.isAopProxy(context.getBean(Plain.class))).isFalse();
				assertThat(AopUtils.isAopProxy(context.getBean(Lookup.class))).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class InterceptionConfiguration {

		@Bean
		Lookup lookup() {
			return new Lookup();
		}

		@Bean
		Host host() {
			return new Host();
		}

		@Bean
		Search search() {
			return new WebSearch();
		}

		@Bean
		Plain plain() {
			return new Plain();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExtractorConfiguration {

		@Bean
		LlmCallExtractor customExtractor() {
			return new LlmCallExtractor() {
			};
		}

	}

	public static class Lookup {

		@Tool
		public String find(String query) {
			return "found " + query;
		}

	}

	@Agent(name = "host")
	static class Host {

		@Agent(name = "host")
		@Conversation
		public String chat(String message) {
			return message;
		}

	}

	interface Search {

		@Tool(name = "web_search")
		String search(String query);

	}

	static class WebSearch implements Search {

		@Override
		public String search(String query) {
			return "results for " + query;
		}

	}

	static class Plain {

		public String work() {
			return "done";
		}

	}

}
