package ai.ag2.tracing.internal.context;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import ai.ag2.tracing.LlmCallDetails;
import org.jspecify.annotations.Nullable;

/**
 * Running totals of one conversation: its id, the agent turns taken and the usage of the LLM calls
 * inside it. LLM calls may finish on any thread, so every counter is updated atomically (fields
 * of this object rather than counter objects of their own: a conversation is one object). Usage
 * also rolls up into the enclosing conversation, if there is one.
 * <p>
 * Internal API: may change without notice.
 */
public final class ConversationState {

	private static final VarHandle TURNS;

	private static final VarHandle INPUT_TOKENS;

	private static final VarHandle OUTPUT_TOKENS;

	private static final VarHandle COST_BITS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			TURNS = lookup.findVarHandle(ConversationState.class, "turns", long.class);
			INPUT_TOKENS = lookup.findVarHandle(ConversationState.class, "inputTokens", long.class);
			OUTPUT_TOKENS = lookup.findVarHandle(ConversationState.class, "outputTokens", long.class);
			COST_BITS = lookup.findVarHandle(ConversationState.class, "costBits", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final @Nullable ConversationState parent;

	private volatile String id;

	private volatile long turns;

	private volatile long inputTokens;

	private volatile long outputTokens;

	// the running cost as the bits of a double, added with a compare-and-set loop
	private volatile long costBits;

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
		TURNS.getAndAdd(this, 1L);
	}

	public long turns() {
		return this.turns;
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
			INPUT_TOKENS.getAndAdd(this, (long) in);
			this.hasInputTokens = true;
		}
		Long out = details.getOutputTokens();
		if (out != null) {
			OUTPUT_TOKENS.getAndAdd(this, (long) out);
			this.hasOutputTokens = true;
		}
		Double callCost = details.getCost();
		if (callCost != null) {
			long current;
			do {
				current = this.costBits;
			}
			while (!COST_BITS.compareAndSet(this, current,
					Double.doubleToRawLongBits(Double.longBitsToDouble(current) + callCost)));
			this.hasCost = true;
		}
	}

	public @Nullable Long inputTokens() {
		return this.hasInputTokens ? this.inputTokens : null;
	}

	public @Nullable Long outputTokens() {
		return this.hasOutputTokens ? this.outputTokens : null;
	}

	public @Nullable Double cost() {
		return this.hasCost ? Double.longBitsToDouble(this.costBits) : null;
	}

}
