package ai.ag2.tracing.langchain4japp;

import ai.ag2.tracing.autoconfigure.Ag2LangChain4jAutoConfiguration;
import ai.ag2.tracing.autoconfigure.Ag2TracingAutoConfiguration;
import ai.ag2.tracing.internal.langchain4j.ChatModelAdvisor;
import ai.ag2.tracing.internal.langchain4j.LangChain4jExtractor;
import ai.ag2.tracing.internal.langchain4j.TokenStreamEndStrategy;
import ai.ag2.tracing.langchain4j.Ag2LangChain4j;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the LangChain4j integration is active: with LangChain4j on the class path, ag2 tracing on
 * and {@code ag2.tracing.integrations.langchain4j.enabled} not {@code false}.
 */
class Ag2LangChain4jAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class, Ag2LangChain4jAutoConfiguration.class))
		.withPropertyValues("management.tracing.export.otlp.enabled=false")
		.withBean(OpenAiChatModel.class,
				() -> OpenAiChatModel.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("k").modelName("m").build())
		.withBean(OpenAiStreamingChatModel.class, () -> OpenAiStreamingChatModel.builder()
			.baseUrl("http://127.0.0.1:9/v1")
			.apiKey("k")
			.modelName("m")
			.build());

	@Test
	void registeredInAutoConfigurationImports() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(Ag2LangChain4jAutoConfiguration.class.getName());
	}

	@Test
	void withLangChain4jModelBeansAreTracedAndKeepTheirClasses() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ChatModelAdvisor.class)
				.hasSingleBean(Ag2LangChain4j.class)
				.hasSingleBean(LangChain4jExtractor.class)
				.hasSingleBean(TokenStreamEndStrategy.class);
			assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isTrue();
			assertThat(AopUtils.isAopProxy(context.getBean(OpenAiStreamingChatModel.class))).isTrue();
		});
	}

	@Test
	void whenTheIntegrationIsDisabledNothingIsProxied() {
		this.runner.withPropertyValues("ag2.tracing.integrations.langchain4j.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ChatModelAdvisor.class).doesNotHaveBean(Ag2LangChain4j.class);
			assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isFalse();
		});
	}

	@Test
	void whenAg2TracingIsDisabledNothingIsProxied() {
		this.runner.withPropertyValues("ag2.tracing.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ChatModelAdvisor.class).doesNotHaveBean(Ag2LangChain4j.class);
			assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isFalse();
		});
	}

	@Test
	void withoutLangChain4jTheIntegrationBacksOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					AopAutoConfiguration.class, Ag2TracingAutoConfiguration.class,
					Ag2LangChain4jAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("dev.langchain4j"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ChatModelAdvisor.class)
				.doesNotHaveBean(Ag2LangChain4j.class));
	}

	@Test
	void withoutAiServicesModelsAreStillTraced() {
		this.runner.withClassLoader(new FilteredClassLoader(dev.langchain4j.service.AiServices.class)).run((context) -> {
			assertThat(context).hasSingleBean(ChatModelAdvisor.class).doesNotHaveBean(Ag2LangChain4j.class);
			assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isTrue();
		});
	}

	@Test
	void aModelOfAFinalClassIsLeftAloneAndTheContextStarts() {
		this.runner.withBean(FinalChatModel.class).run((context) -> {
			assertThat(context).hasNotFailed();
			FinalChatModel model = context.getBean(FinalChatModel.class);
			assertThat(AopUtils.isAopProxy(model)).isFalse();
			assertThat(model.chat("hi")).isEqualTo("final");
		});
	}

	@Test
	void aModelOfAFinalClassIsReturnedAsItIsByInstrument() {
		this.runner.run((context) -> {
			FinalChatModel model = new FinalChatModel();
			assertThat(context.getBean(Ag2LangChain4j.class).instrument(model)).isSameAs(model);
		});
	}

	static final class FinalChatModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest chatRequest) {
			return ChatResponse.builder().aiMessage(AiMessage.from("final")).build();
		}

	}

}
