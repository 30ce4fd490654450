package ai.ag2.tracing.internal.context;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * "A span for this kind of operation is open": a key in the OpenTelemetry {@link Context}, set by
 * whichever instrumentation opened the span (ag2's annotations, an adopted library observation, an
 * HTTP client interceptor). An instrumentation about to trace the same operation asks
 * {@link #openByOther} instead of guessing from span classes: when another instrumentation's span
 * of this kind is the current span, the operation is already traced, and the newcomer adds its
 * attributes to that span instead of opening a second one. Spans of the same instrumentation
 * never suppress each other (a tool that calls a tool makes two spans).
 * <p>
 * Internal API: may change without notice.
 */
public enum SpanKey {

	/** An LLM call ({@code chat {model}}). */
	LLM,

	/** A tool execution ({@code execute_tool {name}}). */
	TOOL,

	/** One HTTP exchange of a client. */
	HTTP_CLIENT;

	private final ContextKey<KeyedSpan> key = ContextKey.named("ai.ag2.tracing.span-key." + name());

	/** {@code context} with {@code span}, opened by {@code instrumentation}, as this key's span. */
	public Context storeIn(Context context, Span span, String instrumentation) {
		return context.with(this.key, new KeyedSpan(span, instrumentation));
	}

	/**
	 * The span of this kind that another instrumentation than {@code instrumentation} opened, if it
	 * is the current span of {@code context} (nothing opened in between); else {@code null}.
	 */
	public @Nullable Span openByOther(Context context, String instrumentation) {
		KeyedSpan keyed = context.get(this.key);
		if (keyed == null || keyed.instrumentation().equals(instrumentation)) {
			return null;
		}
		SpanContext current = Span.fromContext(context).getSpanContext();
		return (current.isValid() && current.equals(keyed.span().getSpanContext())) ? keyed.span() : null;
	}

	/** Whether a span of this kind, of any instrumentation, is the current span of {@code context}. */
	public boolean isCurrent(Context context) {
		KeyedSpan keyed = context.get(this.key);
		if (keyed == null) {
			return false;
		}
		SpanContext current = Span.fromContext(context).getSpanContext();
		return current.isValid() && current.equals(keyed.span().getSpanContext());
	}

	/** The instrumentation that opened the current span of this kind, or {@code null}. */
	public @Nullable String instrumentationOf(Context context) {
		KeyedSpan keyed = context.get(this.key);
		return (keyed != null && isCurrent(context)) ? keyed.instrumentation() : null;
	}

	private record KeyedSpan(Span span, String instrumentation) {
	}

}
