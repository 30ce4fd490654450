package ai.ag2.tracing.aop;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.annotation.Conversation;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.TracingContextRunners;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotation values are literals unless written as a {@code #{…}} template (DESIGN §4), like
 * Spring's {@code @Value}: a literal id is the id, a template is evaluated with the arguments, an
 * invalid value fails start-up naming the method and the attribute, and one that fails at run time
 * is logged once and left out.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnnotationTemplateTests {

	@Test
	void aLiteralConversationIdIsTheIdItself() {
		TracingContextRunners.withInMemoryExporter().withBean(SupportChat.class, SupportChat::new).run((context) -> {
			context.getBean(SupportChat.class).chat("hello");
			SpanData conversation = TracingContextRunners.awaitSpans(context, 1).span("conversation support");
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("support-chat");
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS)).isEqualTo(5L);
		});
	}

	@Test
	void aTemplateIsEvaluatedWithTheArgumentsByName() {
		TracingContextRunners.withInMemoryExporter().withBean(TicketChat.class, TicketChat::new).run((context) -> {
			context.getBean(TicketChat.class).chat(new Ticket("T-17", 4), "hello");
			SpanData conversation = TracingContextRunners.awaitSpans(context, 1).span("conversation support");
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_ID)).isEqualTo("ticket-T-17");
			assertThat(conversation.getAttributes().get(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS)).isEqualTo(4L);
		});
	}

	@Test
	void aBareSpelValueFailsStartupSuggestingATemplate() {
		TracingContextRunners.withInMemoryExporter().withBean(BareSpel.class, BareSpel::new).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@Conversation(maxTurns = \"#maxTurns\")")
				.hasMessageContaining(BareSpel.class.getName() + ".chat")
				.hasMessageContaining("write \"#{#maxTurns}\"");
		});
	}

	@Test
	void aTemplateThatDoesNotParseFailsStartupNamingTheMethodAndTheAttribute() {
		TracingContextRunners.withInMemoryExporter().withBean(BrokenTemplate.class, BrokenTemplate::new).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("@Tool(callId = \"#{#call.}\")")
				.hasMessageContaining(BrokenTemplate.class.getName() + ".lookup")
				.hasMessageContaining("is not a valid template");
		});
	}

	@Test
	void aTemplateThatFailsAtRunTimeIsLoggedOnceAndItsAttributeLeftOut(CapturedOutput output) {
		TracingContextRunners.withInMemoryExporter().withBean(FailingTemplate.class, FailingTemplate::new).run((context) -> {
			FailingTemplate tools = context.getBean(FailingTemplate.class);
			assertThat(tools.lookup(null)).isEqualTo("found");
			assertThat(tools.lookup(null)).isEqualTo("found");
			for (SpanData tool : TracingContextRunners.awaitSpans(context, 2).all("execute_tool lookup")) {
				assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_CALL_ID)).isNull();
				assertThat(tool.getAttributes().get(Ag2Attributes.GEN_AI_TOOL_NAME)).isEqualTo("lookup");
			}
		});
		assertThat(output).containsOnlyOnce("evaluating @Tool(callId = \"#{#call.id}\") on "
				+ FailingTemplate.class.getName() + ".lookup");
	}

	record Ticket(String id, int rounds) {
	}

	static class SupportChat {

		@Conversation(agent = "support", id = "support-chat", maxTurns = "5")
		public String chat(String message) {
			return message;
		}

	}

	static class TicketChat {

		@Conversation(agent = "support", id = "ticket-#{#ticket.id}", maxTurns = "#{#ticket.rounds}")
		public String chat(Ticket ticket, String message) {
			return message;
		}

	}

	static class BareSpel {

		@Conversation(agent = "support", maxTurns = "#maxTurns")
		public String chat(String message, int maxTurns) {
			return message;
		}

	}

	static class BrokenTemplate {

		@Tool(callId = "#{#call.}")
		public String lookup(Object call) {
			return "found";
		}

	}

	static class FailingTemplate {

		@Tool(callId = "#{#call.id}")
		public String lookup(Ticket call) {
			return "found";
		}

	}

}
