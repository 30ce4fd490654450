package ai.ag2.tracing.internal.console;

import java.util.List;
import java.util.Objects;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The console details of ag2's own span types.
 */
final class BuiltInSpanDetails {

	private BuiltInSpanDetails() {
	}

	static List<SpanDetails> all() {
		return List.of(of(Ag2SpanType.CONVERSATION, BuiltInSpanDetails::conversation),
				of(Ag2SpanType.MULTI_CONVERSATION, BuiltInSpanDetails::multiConversation),
				of(Ag2SpanType.AGENT, BuiltInSpanDetails::agent), of(Ag2SpanType.LLM, BuiltInSpanDetails::llm),
				of(Ag2SpanType.CODE_EXECUTION, BuiltInSpanDetails::codeExecution),
				of(Ag2SpanType.SPEAKER_SELECTION, BuiltInSpanDetails::speakerSelection));
	}

	private static SpanDetails of(Ag2SpanType type, Describer describer) {
		return new SpanDetails() {

			@Override
			public String spanType() {
				return type.value();
			}

			@Override
			public void describe(Attributes attributes, List<String> details) {
				describer.describe(attributes, details);
			}

		};
	}

	private static void conversation(Attributes attributes, List<String> details) {
		Long turns = attributes.get(Ag2Attributes.GEN_AI_CONVERSATION_TURNS);
		if (turns != null) {
			details.add(turns + ((turns == 1) ? " turn" : " turns"));
		}
		Long tokens = sum(attributes.get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS),
				attributes.get(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS));
		if (tokens != null) {
			details.add(tokens + " tokens");
		}
	}

	private static void multiConversation(Attributes attributes, List<String> details) {
		String mode = attributes.get(Ag2Attributes.AG2_CHATS_MODE);
		if (mode != null && !mode.isEmpty()) {
			details.add(mode);
		}
		Long count = attributes.get(Ag2Attributes.AG2_CHATS_COUNT);
		if (count != null) {
			details.add(count + ((count == 1) ? " chat" : " chats"));
		}
	}

	private static void agent(Attributes attributes, List<String> details) {
		if (Boolean.TRUE.equals(attributes.get(Ag2Attributes.GEN_AI_AGENT_REMOTE))) {
			String address = attributes.get(ServerAttributes.SERVER_ADDRESS);
			Long port = attributes.get(ServerAttributes.SERVER_PORT);
			details.add("remote" + ((address != null) ? " " + address + ((port != null) ? ":" + port : "") : ""));
		}
	}

	private static void llm(Attributes attributes, List<String> details) {
		Long input = attributes.get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS);
		Long output = attributes.get(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS);
		if (input != null) {
			details.add("in " + input);
		}
		if (output != null) {
			details.add("out " + output);
		}
		List<String> reasons = attributes.get(Ag2Attributes.GEN_AI_RESPONSE_FINISH_REASONS);
		if (reasons != null && !reasons.isEmpty()) {
			details.add(String.join(",", reasons));
		}
		if (Boolean.TRUE.equals(attributes.get(Ag2Attributes.GEN_AI_REQUEST_STREAM))) {
			details.add("streamed");
		}
	}

	private static void codeExecution(Attributes attributes, List<String> details) {
		Long exitCode = attributes.get(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE);
		if (exitCode != null) {
			details.add("exit " + exitCode);
		}
	}

	private static void speakerSelection(Attributes attributes, List<String> details) {
		String selected = attributes.get(Ag2Attributes.AG2_SPEAKER_SELECTION_SELECTED);
		if (selected != null) {
			details.add("selected " + selected);
		}
	}

	private static @Nullable Long sum(@Nullable Long first, @Nullable Long second) {
		if (first == null && second == null) {
			return null;
		}
		return Objects.requireNonNullElse(first, 0L) + Objects.requireNonNullElse(second, 0L);
	}

	@FunctionalInterface
	private interface Describer {

		void describe(Attributes attributes, List<String> details);

	}

}
