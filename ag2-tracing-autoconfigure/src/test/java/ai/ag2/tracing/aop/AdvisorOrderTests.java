package ai.ag2.tracing.aop;

import java.util.ArrayList;
import java.util.List;

import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.api.trace.Span;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ag2.tracing.aop.order} places ag2's advisor among the application's own (as a
 * transaction or retry advisor would be): by default ag2 runs innermost, so an advisor of the
 * application's runs outside the tool span; with a lower order the tool span covers it.
 */
class AdvisorOrderTests {

	@Test
	void byDefaultTheApplicationsAdvisorRunsOutsideTheToolSpan() {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(AdvisedToolConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(Forecaster.class).forecast("Lisbon")).isEqualTo("sunny in Lisbon");
				TracingContextRunners.awaitSpans(context, 1).span("execute_tool forecast");
				assertThat(context.getBean(SpanSeenByAdvisor.class).spans).singleElement()
					.satisfies((span) -> assertThat(span.getSpanContext().isValid()).isFalse());
			});
	}

	@Test
	void aLowerOrderPutsTheToolSpanAroundTheApplicationsAdvisor() {
		TracingContextRunners.withInMemoryExporter()
			.withUserConfiguration(AdvisedToolConfiguration.class)
			.withPropertyValues("ag2.tracing.aop.order=-100")
			.run((context) -> {
				assertThat(context.getBean(Forecaster.class).forecast("Lisbon")).isEqualTo("sunny in Lisbon");
				String toolSpanId = TracingContextRunners.awaitSpans(context, 1)
					.span("execute_tool forecast")
					.getSpanId();
				assertThat(context.getBean(SpanSeenByAdvisor.class).spans).singleElement()
					.satisfies((span) -> assertThat(span.getSpanContext().getSpanId()).isEqualTo(toolSpanId));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AdvisedToolConfiguration {

		@Bean
		Forecaster forecaster() {
			return new Forecaster();
		}

		@Bean
		SpanSeenByAdvisor spanSeenByAdvisor() {
			return new SpanSeenByAdvisor();
		}

		// an application advisor of order 0, as @Transactional or @Retryable would be
		@Bean
		static Advisor recordingAdvisor(ObjectProvider<SpanSeenByAdvisor> seen) {
			MethodInterceptor recording = (invocation) -> {
				seen.getObject().spans.add(Span.current());
				return invocation.proceed();
			};
			DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
					AnnotationMatchingPointcut.forMethodAnnotation(Tool.class), recording);
			advisor.setOrder(0);
			return advisor;
		}

	}

	static class SpanSeenByAdvisor {

		final List<Span> spans = new ArrayList<>();

	}

	static class Forecaster {

		@Tool(name = "forecast")
		public String forecast(String city) {
			return "sunny in " + city;
		}

	}

}
