package ai.ag2.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Adds up the chunks of one streamed LLM response: {@link LlmCallExtractor#extractChunk} reads
 * each chunk into it. Ids, models and usage go to {@link #details()} (a later chunk's value wins:
 * providers send usage once at the end, or cumulatively); text and tool-call fragments are joined
 * per choice, and only when content is captured, each up to one character more than the
 * captured-content limit (the cut is made when the span is written, so a longer stream costs no
 * more memory); finish reasons are kept per choice. Not thread-safe: a stream delivers its chunks
 * one at a time.
 */
public final class LlmStreamAggregator {

	private final LlmCallDetails details = new LlmCallDetails();

	private final boolean capturesContent;

	// characters kept of each text and tool-call arguments: enough for the cut to mark them
	private final int kept;

	private final Map<Integer, Choice> choices = new TreeMap<>();

	private long chunks;

	/**
	 * An aggregator.
	 * @param capturesContent whether text and tool-call fragments are kept (content capture is on)
	 * @param maxContentLength the captured-content limit ({@code ag2.tracing.max-content-length}):
	 * of each choice's text and each tool call's arguments, this many characters and one more are
	 * kept
	 */
	public LlmStreamAggregator(boolean capturesContent, int maxContentLength) {
		if (maxContentLength < 1) {
			throw new IllegalArgumentException("maxContentLength must be positive, was " + maxContentLength);
		}
		this.capturesContent = capturesContent;
		this.kept = (maxContentLength == Integer.MAX_VALUE) ? maxContentLength : maxContentLength + 1;
	}

	/** Where ids, models, usage and cost of the streamed response go. */
	public LlmCallDetails details() {
		return this.details;
	}

	/** Whether text and tool-call fragments are kept; when false, {@link #appendText} and the like do nothing. */
	public boolean capturesContent() {
		return this.capturesContent;
	}

	/** Count one chunk. */
	public void chunkRead() {
		this.chunks++;
	}

	/** Number of chunks read. */
	public long chunks() {
		return this.chunks;
	}

	/** Append a fragment of a choice's text. */
	public void appendText(int choice, @Nullable CharSequence text) {
		if (this.capturesContent && text != null && text.length() > 0) {
			append(choice(choice).text, text);
		}
	}

	/**
	 * Append a fragment of a tool call: the first fragment of a call usually brings its id and name,
	 * the following ones pieces of its arguments.
	 */
	public void appendToolCall(int choice, int index, @Nullable String id, @Nullable String name,
			@Nullable CharSequence arguments) {
		if (!this.capturesContent) {
			return;
		}
		ToolCall call = choice(choice).toolCalls.computeIfAbsent(index, (key) -> new ToolCall());
		if (id != null && !id.isEmpty()) {
			call.id = id;
		}
		if (name != null && !name.isEmpty()) {
			call.name = name;
		}
		if (arguments != null) {
			append(call.arguments, arguments);
		}
	}

	/** Why the model stopped for a choice. */
	public void setFinishReason(int choice, @Nullable String reason) {
		if (reason != null && !reason.isEmpty()) {
			choice(choice).finishReason = reason;
		}
	}

	/** The finish reasons of the choices, in choice order; empty when none was seen. */
	public List<String> finishReasons() {
		List<String> reasons = new ArrayList<>(this.choices.size());
		for (Choice choice : this.choices.values()) {
			if (choice.finishReason != null) {
				reasons.add(choice.finishReason);
			}
		}
		return reasons;
	}

	/** The output messages assembled from the fragments (empty when content is not captured). */
	public List<GenAiMessage> outputMessages() {
		if (!this.capturesContent) {
			return List.of();
		}
		List<GenAiMessage> messages = new ArrayList<>(this.choices.size());
		for (Choice choice : this.choices.values()) {
			List<GenAiMessage.Part> parts = new ArrayList<>(1 + choice.toolCalls.size());
			if (choice.text.length() > 0) {
				parts.add(GenAiMessage.Part.text(choice.text.toString()));
			}
			for (ToolCall call : choice.toolCalls.values()) {
				if (call.name != null) {
					parts.add(GenAiMessage.Part.toolCall(call.id, call.name, call.arguments.toString()));
				}
			}
			if (!parts.isEmpty() || choice.finishReason != null) {
				messages.add(new GenAiMessage("assistant", parts, choice.finishReason));
			}
		}
		return messages;
	}

	/**
	 * The aggregate as the details of the whole response: {@link #details()} with the finish
	 * reasons and (when content is captured) output messages filled in where they are missing.
	 */
	public LlmCallDetails toDetails() {
		LlmCallDetails result = new LlmCallDetails();
		result.fillMissingFrom(this.details);
		List<String> reasons = finishReasons();
		if (result.getFinishReasons() == null && !reasons.isEmpty()) {
			result.setFinishReasons(reasons);
		}
		List<GenAiMessage> output = outputMessages();
		if (result.getOutputMessages() == null && !output.isEmpty()) {
			result.setOutputMessages(output);
		}
		return result;
	}

	private void append(StringBuilder target, CharSequence fragment) {
		int room = this.kept - target.length();
		if (room > 0) {
			target.append(fragment, 0, Math.min(room, fragment.length()));
		}
	}

	private Choice choice(int index) {
		return this.choices.computeIfAbsent(Math.max(0, index), (key) -> new Choice());
	}

	private static final class Choice {

		private final StringBuilder text = new StringBuilder();

		private final Map<Integer, ToolCall> toolCalls = new TreeMap<>();

		private @Nullable String finishReason;

	}

	private static final class ToolCall {

		private @Nullable String id;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

	}

}
