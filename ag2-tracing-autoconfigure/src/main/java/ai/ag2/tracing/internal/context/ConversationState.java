package ai.ag2.tracing.internal.context;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import ai.ag2.tracing.LlmCallDetails;
import org.jspecify.annotations.Nullable;

/**
 * Running totals of one conversation: its id, the agent turns taken and the usage of the LLM calls
 * inside it. LLM calls may finish on any thread, so every counter is thread-safe. Usage also
 * rolls up into the enclosing conversation, if there is one.
 * <p>
 * Internal API: may change without notice.
 */
public final class ConversationState {

	private final @Nullable ConversationState parent;

	private volatile String id;

	private final AtomicLong turns = new AtomicLong();

	private final LongAdder inputTokens = new LongAdder();

	private final LongAdder outputTokens = new LongAdder();

	private final DoubleAdder cost = new DoubleAdder();

	private volatile boolean hasInputTokens;

	private volatile boolean hasOutputTokens;

	private volatile boolean hasCost;

	public ConversationState(String id, @Nullable ConversationState parent) {
		this.id = id;
		this.parent = parent;
	}

	public String id() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public void countTurn() {
		this.turns.incrementAndGet();
	}

	public long turns() {
		return this.turns.get();
	}

	/** Add the usage of one finished LLM call, here and in every enclosing conversation. */
	public void addUsage(LlmCallDetails details) {
		for (ConversationState state = this; state != null; state = state.parent) {
			state.add(details);
		}
	}

	private void add(LlmCallDetails details) {
		Long in = details.getInputTokens();
		if (in != null) {
			this.inputTokens.add(in);
			this.hasInputTokens = true;
		}
		Long out = details.getOutputTokens();
		if (out != null) {
			this.outputTokens.add(out);
			this.hasOutputTokens = true;
		}
		Double callCost = details.getCost();
		if (callCost != null) {
			this.cost.add(callCost);
			this.hasCost = true;
		}
	}

	public @Nullable Long inputTokens() {
		return this.hasInputTokens ? this.inputTokens.sum() : null;
	}

	public @Nullable Long outputTokens() {
		return this.hasOutputTokens ? this.outputTokens.sum() : null;
	}

	public @Nullable Double cost() {
		return this.hasCost ? this.cost.sum() : null;
	}

}
