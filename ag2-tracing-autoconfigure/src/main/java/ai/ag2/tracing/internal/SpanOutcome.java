package ai.ag2.tracing.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;

/**
 * How every ag2 span records a failure and ends, in one place: status ERROR with the exception's
 * message, {@code error.type} = its class name, an {@code exception} event; and an end that no
 * {@code SpanProcessor} can turn into an exception for the user's call (the SDK calls processors'
 * {@code onEnd} without a guard).
 * <p>
 * Internal API: may change without notice.
 */
public final class SpanOutcome {

	private SpanOutcome() {
	}

	/** Mark {@code span} as failed by {@code failure}; never throws. */
	public static void recordFailure(Span span, Throwable failure) {
		try {
			String message = failure.getMessage();
			span.setStatus(StatusCode.ERROR, (message != null) ? message : failure.getClass().getSimpleName());
			span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
			span.recordException(failure);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording a failure on a span", ex);
		}
	}

	/** End {@code span}; a span processor or exporter that throws is reported, not propagated. */
	public static void end(Span span) {
		try {
			span.end();
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("ending a span (a SpanProcessor threw)", ex);
		}
	}

}
