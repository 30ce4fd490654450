package ai.ag2.tracing.aop;

import java.util.function.Function;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.LlmClient;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which calls make a span (DESIGN §4): calls through generic interfaces, inherited interface
 * default methods under a type-level annotation, JavaBean accessors left out, a type-level
 * annotation that traces nothing reported, scoped beans named after the bean.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnnotationResolutionTests {

	@ParameterizedTest(name = "proxyTargetClass={0}")
	@ValueSource(booleans = { true, false })
	void aToolCalledThroughAGenericFunctionInterfaceMakesExactlyOneSpan(boolean proxyTargetClass) {
		TracingContextRunners.withInMemoryExporter()
			.withPropertyValues("spring.aop.proxy-target-class=" + proxyTargetClass)
			.withBean("weather", WeatherFunction.class, WeatherFunction::new)
			.run((context) -> {
				@SuppressWarnings("unchecked")
				Function<String, String> tool = context.getBean("weather", Function.class);
				assertThat(AopUtils.isCglibProxy(tool)).isEqualTo(proxyTargetClass);
				assertThat(tool.apply("Paris")).isEqualTo("sunny in Paris");
				assertThat(TracingContextRunners.awaitSpans(context, 1).render())
					.isEqualTo("execute_tool get_weather [INTERNAL]\n");
			});
	}

	@Test
	void anAgentTurnTakenThroughAGenericInterfaceCountsOnce() {
		TracingContextRunners.withInMemoryExporter().withUserConfiguration(TurnConfiguration.class).run((context) -> {
			assertThat(context.getBean(Chat.class).run("hi")).isEqualTo("echo: hi");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			assertThat(tree.render()).isEqualTo("""
					conversation user [INTERNAL]
					  invoke_agent echo [INTERNAL]
					""");
			assertThat(tree.span("conversation user").getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_TURNS))
				.isEqualTo(1L);
		});
	}

	@Test
	void typeLevelLlmClientTracesAnInheritedInterfaceDefaultMethodButNotItsAccessors() {
		TracingContextRunners.withInMemoryExporter()
			.withBean(ScriptedModel.class, ScriptedModel::new)
			.run((context) -> {
				ChatModel model = context.getBean(ChatModel.class);
				assertThat(model.provider()).isEqualTo("scripted");
				assertThat(model.getDefaultModel()).isEqualTo("scripted-1");
				// AiServices-style: the caller uses the interface's default method, the class never overrides it
				assertThat(model.chat(new ChatRequest("scripted-1", "hi"))).isEqualTo("reply to hi");
				assertThat(TracingContextRunners.awaitSpans(context, 1).render())
					.isEqualTo("chat scripted-1 [CLIENT]\n");
			});
	}

	@Test
	void typeLevelAgentDoesNotCountJavaBeanAccessorsAsTurns() {
		TracingContextRunners.withInMemoryExporter().withUserConfiguration(AccessorConfiguration.class).run((context) -> {
			assertThat(context.getBean(Conversations.class).chat()).isEqualTo("Ada: ok");
			SpanTree tree = TracingContextRunners.awaitSpans(context, 2);
			assertThat(tree.render()).isEqualTo("""
					conversation user [INTERNAL]
					  invoke_agent assistant [INTERNAL]
					""");
			assertThat(tree.span("conversation user").getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_TURNS))
				.isEqualTo(1L);
		});
	}

	@Test
	void aTypeLevelAnnotationThatTracesNoMethodLogsOneWarningNamingTheClass(CapturedOutput output) {
		TracingContextRunners.withInMemoryExporter()
			.withBean(SettingsOnly.class, SettingsOnly::new)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce("@LlmClient on " + SettingsOnly.class.getName() + " traces no method");
	}

	@Test
	void aScopedAgentIsNamedAfterItsBeanNotItsScopedTarget() {
		TracingContextRunners.withInMemoryExporter().withUserConfiguration(ScopedConfiguration.class).run((context) -> {
			assertThat(context.getBean(ScopedAssistant.class).reply("hi")).isEqualTo("hello");
			assertThat(TracingContextRunners.awaitSpans(context, 1).render())
				.isEqualTo("invoke_agent assistant [INTERNAL]\n");
		});
	}

	static class WeatherFunction implements Function<String, String> {

		@Override
		@Tool(name = "get_weather")
		public String apply(String city) {
			return "sunny in " + city;
		}

	}

	interface Turn<I, O> {

		O take(I input);

	}

	@Agent(name = "echo")
	static class Echo implements Turn<String, String> {

		@Override
		public String take(String input) {
			return "echo: " + input;
		}

	}

	static class Chat {

		private final Turn<String, String> agent;

		Chat(Turn<String, String> agent) {
			this.agent = agent;
		}

		@Conversation(agent = "user")
		public String run(String message) {
			return this.agent.take(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TurnConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

		@Bean
		@SuppressWarnings("unchecked")
		Chat chat(Turn<?, ?> echo) {
			return new Chat((Turn<String, String>) echo);
		}

	}

	record ChatRequest(String model, String prompt) {
	}

	/** The shape of LangChain4j's ChatModel: callers use a default method the implementation does not override. */
	interface ChatModel {

		default String chat(ChatRequest request) {
			return doChat(request);
		}

		String doChat(ChatRequest request);

		String provider();

		String getDefaultModel();

	}

	@LlmClient
	static class ScriptedModel implements ChatModel {

		@Override
		public String doChat(ChatRequest request) {
			return "reply to " + request.prompt();
		}

		@Override
		public String provider() {
			return "scripted";
		}

		@Override
		public String getDefaultModel() {
			return "scripted-1";
		}

	}

	@Agent(name = "assistant")
	static class Assistant {

		private String persona = "Ada";

		public String getPersona() {
			return this.persona;
		}

		public void setPersona(String persona) {
			this.persona = persona;
		}

		public boolean isBusy() {
			return false;
		}

		public String reply(String message) {
			return message;
		}

	}

	static class Conversations {

		private final Assistant assistant;

		Conversations(Assistant assistant) {
			this.assistant = assistant;
		}

		@Conversation(agent = "user")
		public String chat() {
			this.assistant.setPersona(this.assistant.getPersona());
			return this.assistant.getPersona() + ": " + this.assistant.reply("ok");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AccessorConfiguration {

		@Bean
		Assistant assistant() {
			return new Assistant();
		}

		@Bean
		Conversations conversations(Assistant assistant) {
			return new Conversations(assistant);
		}

	}

	@LlmClient(provider = "acme")
	static class SettingsOnly {

		public String getModel() {
			return "acme-1";
		}

		public int timeoutSeconds() {
			return 30;
		}

	}

	@Agent
	static class ScopedAssistant {

		public String reply(String message) {
			return "hello";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedConfiguration {

		@Bean
		@Scope(value = ConfigurableBeanFactory.SCOPE_PROTOTYPE, proxyMode = ScopedProxyMode.TARGET_CLASS)
		ScopedAssistant assistant() {
			return new ScopedAssistant();
		}

	}

}
