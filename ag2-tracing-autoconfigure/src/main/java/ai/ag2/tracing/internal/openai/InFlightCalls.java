package ai.ag2.tracing.internal.openai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The contexts of the SDK's asynchronous calls in flight, by the span id their requests name in
 * {@code traceparent}. The SDK's async services hand the request to the transport on a
 * {@code ForkJoinPool} thread, where the caller's context is gone: the traced call puts the
 * trace headers on its params, and the transport finds the whole context (with the LLM call's
 * details, for {@code server.address}) here by the header it sees.
 */
final class InFlightCalls {

	private final Map<String, Context> calls = new ConcurrentHashMap<>();

	/** Remember {@code context} until {@link #remove}; returns the key. */
	String put(Context context) {
		String spanId = Span.fromContext(context).getSpanContext().getSpanId();
		this.calls.put(spanId, context);
		return spanId;
	}

	void remove(String key, Context context) {
		this.calls.remove(key, context);
	}

	/** The context of the call whose request carries {@code traceparents}, if it is in flight. */
	@Nullable Context find(List<String> traceparents) {
		for (String traceparent : traceparents) {
			if (traceparent.length() >= 52) {
				Context context = this.calls.get(traceparent.substring(36, 52));
				if (context != null) {
					return context;
				}
			}
		}
		return null;
	}

}
