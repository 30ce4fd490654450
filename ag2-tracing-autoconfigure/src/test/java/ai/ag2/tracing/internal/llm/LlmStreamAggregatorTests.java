package ai.ag2.tracing.internal.llm;

import java.util.List;

import ai.ag2.tracing.GenAiMessage;
import ai.ag2.tracing.LlmStreamAggregator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A streamed answer is held only up to the captured-content limit (and one character more, for the
 * cut to mark it), however long the stream runs: memory is bounded by {@code max-content-length},
 * not by the answer's size.
 */
class LlmStreamAggregatorTests {

	@Test
	void aLongStreamedTextIsKeptOnlyUpToOneCharacterBeyondTheLimit() {
		LlmStreamAggregator stream = new LlmStreamAggregator(true, 64);
		for (int i = 0; i < 10_000; i++) {
			stream.appendText(0, "0123456789");
		}
		stream.setFinishReason(0, "stop");

		List<GenAiMessage> output = stream.outputMessages();
		assertThat(output).singleElement().satisfies((message) -> {
			String text = message.parts().get(0).content();
			assertThat(text).hasSize(65).startsWith("0123456789");
			assertThat(message.finishReason()).isEqualTo("stop");
		});
	}

	@Test
	void aLongStreamedToolCallKeepsItsIdAndNameAndABoundedPartOfItsArguments() {
		LlmStreamAggregator stream = new LlmStreamAggregator(true, 16);
		stream.appendToolCall(0, 0, "call_1", "get_weather", "{\"city\":\"");
		for (int i = 0; i < 1_000; i++) {
			stream.appendToolCall(0, 0, null, null, "Lisbon");
		}

		GenAiMessage.Part call = stream.outputMessages().get(0).parts().get(0);
		assertThat(call.id()).isEqualTo("call_1");
		assertThat(call.name()).isEqualTo("get_weather");
		assertThat((String) call.arguments()).hasSize(17).startsWith("{\"city\":\"Lisbon");
	}

	@Test
	void choicesAreBoundedEachOnItsOwn() {
		LlmStreamAggregator stream = new LlmStreamAggregator(true, 4);
		stream.appendText(0, "first choice");
		stream.appendText(1, "second");

		assertThat(stream.outputMessages()).extracting((message) -> message.parts().get(0).content())
			.containsExactly("first", "secon");
	}

	@Test
	void aTextWithinTheLimitIsKeptWhole() {
		LlmStreamAggregator stream = new LlmStreamAggregator(true, 4096);
		stream.appendText(0, "Hel");
		stream.appendText(0, "lo");

		assertThat(stream.outputMessages().get(0).parts().get(0).content()).isEqualTo("Hello");
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LlmStreamAggregator(true, 0))
			.withMessageContaining("maxContentLength");
	}

}
