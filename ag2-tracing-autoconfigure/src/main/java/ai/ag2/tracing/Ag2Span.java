package ai.ag2.tracing;

import java.util.Arrays;
import java.util.function.Consumer;

import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.ConversationState;
import ai.ag2.tracing.internal.InstrumentationFailures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * A handle on the ag2 span that is current on this thread, for values that only the method body
 * knows: token usage of a custom client, finish reasons, a tool call id, an exit code.
 * <pre>{@code
 * @LlmClient(provider = "openai", model = "gpt-4o-mini")
 * public String chat(String prompt) {
 *     MyResponse response = client.send(prompt);
 *     Ag2Span.current().setUsage(response.in(), response.out()).setFinishReasons("stop");
 *     return response.text();
 * }
 * }</pre>
 * Outside an ag2 span every method does nothing, so the handle is always safe to use. Values set
 * here win over values read from arguments and results.
 */
public final class Ag2Span {

	private static final Ag2Span NONE = new Ag2Span(null);

	private final @Nullable Ag2Frame frame;

	private Ag2Span(@Nullable Ag2Frame frame) {
		this.frame = frame;
	}

	/** The innermost ag2 span of the current context, or a handle that does nothing. */
	public static Ag2Span current() {
		Ag2Frame frame = Ag2Frame.current();
		return (frame != null) ? new Ag2Span(frame) : NONE;
	}

	/** The nearest enclosing ag2 span of the given type, or a handle that does nothing. */
	public static Ag2Span nearest(Ag2SpanType type) {
		Ag2Frame current = Ag2Frame.current();
		Ag2Frame frame = (current != null) ? current.nearest(type) : null;
		return (frame != null) ? new Ag2Span(frame) : NONE;
	}

	/** Whether this handle stands for an ag2 span (and not for nothing). */
	public boolean exists() {
		return this.frame != null;
	}

	/** Type of the span, or {@code null} when there is none. */
	public @Nullable Ag2SpanType type() {
		return (this.frame != null) ? this.frame.type() : null;
	}

	/** The OpenTelemetry span ({@link Span#getInvalid()} when there is none). */
	public Span span() {
		return (this.frame != null) ? this.frame.span() : Span.getInvalid();
	}

	/** Token usage of an LLM call; it also adds up in the enclosing conversation. */
	public Ag2Span setUsage(long inputTokens, long outputTokens) {
		return llm((details) -> details.setInputTokens(inputTokens).setOutputTokens(outputTokens));
	}

	/** Input tokens served from the provider's cache. */
	public Ag2Span setCacheReadInputTokens(long tokens) {
		return llm((details) -> details.setCacheReadInputTokens(tokens));
	}

	/** Output tokens spent on reasoning. */
	public Ag2Span setReasoningOutputTokens(long tokens) {
		return llm((details) -> details.setReasoningOutputTokens(tokens));
	}

	/** Cost of an LLM call; it also adds up in the enclosing conversation. */
	public Ag2Span setCost(double cost) {
		return llm((details) -> details.setCost(cost));
	}

	/** Why the model stopped, one entry per choice. */
	public Ag2Span setFinishReasons(String... reasons) {
		return llm((details) -> details.setFinishReasons(Arrays.asList(reasons)));
	}

	/** Id of the model's response. */
	public Ag2Span setResponseId(String id) {
		return llm((details) -> details.setResponseId(id));
	}

	/** Model that answered. */
	public Ag2Span setResponseModel(String model) {
		return llm((details) -> details.setResponseModel(model));
	}

	/** Any detail of an LLM call, e.g. {@code d -> d.setTemperature(0.2)}. */
	public Ag2Span updateLlmCall(Consumer<LlmCallDetails> update) {
		return llm((UserUpdate) update::accept);
	}

	// The caller's own code: its exceptions are the caller's to see.
	private interface UserUpdate extends Consumer<LlmCallDetails> {

	}

	/**
	 * Id of the enclosing conversation; spans started after this call carry it.
	 */
	public Ag2Span setConversationId(String id) {
		Ag2Frame conversation = (this.frame != null) ? this.frame.nearest(Ag2SpanType.CONVERSATION) : null;
		ConversationState state = (conversation != null) ? conversation.conversation() : null;
		if (conversation != null && state != null) {
			state.setId(id);
			conversation.span().setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_ID, id);
		}
		return this;
	}

	/** Maximum number of turns of the enclosing conversation. */
	public Ag2Span setMaxTurns(long maxTurns) {
		Ag2Frame conversation = (this.frame != null) ? this.frame.nearest(Ag2SpanType.CONVERSATION) : null;
		if (conversation != null) {
			conversation.span().setAttribute(Ag2Attributes.GEN_AI_CONVERSATION_MAX_TURNS, maxTurns);
		}
		return this;
	}

	/** Id of the tool call, as the model gave it. */
	public Ag2Span setToolCallId(String id) {
		return setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ID, id);
	}

	/** Exit code of a code execution; non-zero marks the span as an error. */
	public Ag2Span setExitCode(long exitCode) {
		if (this.frame != null && this.frame.type() == Ag2SpanType.CODE_EXECUTION) {
			this.frame.setExitCode(exitCode);
		}
		return this;
	}

	/** Any attribute. Content should go through the annotations, which honour capture settings. */
	public <T> Ag2Span setAttribute(AttributeKey<T> key, T value) {
		if (this.frame != null) {
			this.frame.span().setAttribute(key, value);
		}
		return this;
	}

	private Ag2Span llm(Consumer<LlmCallDetails> update) {
		LlmCallDetails details = (this.frame != null) ? this.frame.llmDetails() : null;
		if (details != null) {
			synchronized (details) {
				try {
					update.accept(details);
				}
				catch (RuntimeException ex) {
					if (update instanceof UserUpdate) {
						throw ex;
					}
					InstrumentationFailures.report("recording an LLM detail through Ag2Span", ex);
				}
			}
		}
		return this;
	}

}
