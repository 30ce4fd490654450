package ai.ag2.tracing.a2aapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.Ag2Operation;
import ai.ag2.tracing.Ag2OperationListener;

/**
 * When each ag2 operation ended, by span id, on the {@link System#nanoTime()} clock: the tests
 * compare it with when a stream's events arrived.
 */
public class OperationEnds implements Ag2OperationListener {

	private final Map<String, Long> ends = new ConcurrentHashMap<>();

	@Override
	public void onEnd(Ag2Operation operation) {
		this.ends.put(operation.span().getSpanContext().getSpanId(), operation.startNanos() + operation.durationNanos());
	}

	/** When the operation of the span {@code spanId} ended, or {@code null}. */
	public Long endOf(String spanId) {
		return this.ends.get(spanId);
	}

}
