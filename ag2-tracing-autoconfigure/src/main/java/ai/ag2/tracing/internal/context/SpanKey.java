package ai.ag2.tracing.internal.context;

import ai.ag2.tracing.Ag2SpanType;
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
 * never suppress each other (a tool that calls a tool makes two spans). An operation of ag2's
 * pipeline ({@code Ag2Operations}) needs no key: its {@link Ag2Frame} stands for it.
 * <p>
 * Internal API: may change without notice.
 */
public enum SpanKey {

	/** An LLM call ({@code chat {model}}). */
	LLM(Ag2SpanType.LLM),

	/** A tool execution ({@code execute_tool {name}}). */
	TOOL(Ag2SpanType.TOOL),

	/** One HTTP exchange of a client. */
	HTTP_CLIENT(null);

	private final ContextKey<KeyedSpan> key = ContextKey.named("ai.ag2.tracing.span-key." + name());

	// Operations of ag2's pipeline need no key of their own: their Ag2Frame in the context says it.
	private final @Nullable Ag2SpanType frameType;

	SpanKey(@Nullable Ag2SpanType frameType) {
		this.frameType = frameType;
	}

	/** {@code context} with {@code span}, opened by {@code instrumentation}, as this key's span. */
	public Context storeIn(Context context, Span span, String instrumentation) {
		return context.with(this.key, new KeyedSpan(span, instrumentation));
	}

	/**
	 * The span of this kind that another instrumentation than {@code instrumentation} opened, if it
	 * is the current span of {@code context} (nothing opened in between); else {@code null}.
	 */
	public @Nullable Span openByOther(Context context, String instrumentation) {
		KeyedSpan keyed = current(context);
		return (keyed != null && !keyed.instrumentation().equals(instrumentation)) ? keyed.span() : null;
	}

	/** Whether a span of this kind, of any instrumentation, is the current span of {@code context}. */
	public boolean isCurrent(Context context) {
		return current(context) != null;
	}

	/** The instrumentation that opened the current span of this kind, or {@code null}. */
	public @Nullable String instrumentationOf(Context context) {
		KeyedSpan keyed = current(context);
		return (keyed != null) ? keyed.instrumentation() : null;
	}

	private @Nullable KeyedSpan current(Context context) {
		SpanContext current = Span.fromContext(context).getSpanContext();
		if (!current.isValid()) {
			return null;
		}
		KeyedSpan keyed = context.get(this.key);
		if (keyed != null && current.equals(keyed.span().getSpanContext())) {
			return keyed;
		}
		Ag2Frame frame = (this.frameType != null) ? Ag2Frame.from(context) : null;
		if (frame != null && frame.type() == this.frameType && current.equals(frame.span().getSpanContext())) {
			return new KeyedSpan(frame.span(), frame.instrumentation());
		}
		return null;
	}

	private record KeyedSpan(Span span, String instrumentation) {
	}

}
