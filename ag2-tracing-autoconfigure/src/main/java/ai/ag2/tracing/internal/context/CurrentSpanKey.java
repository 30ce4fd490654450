package ai.ag2.tracing.internal.context;

import ai.ag2.tracing.internal.InstrumentationFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * The context key under which the OpenTelemetry API keeps the current span, and the class of the
 * API's own contexts: what an operation needs to answer for its context without copying it (see
 * {@code Operation}). The key is not public; it is the one {@link Span#storeInContext} passes to
 * {@link Context#with}, taken once by a context that only records it, and checked against
 * {@link Span#fromContext}. When either cannot be found, operations copy their contexts as the
 * API does.
 * <p>
 * Internal API: may change without notice.
 */
public final class CurrentSpanKey {

	private static final @Nullable ContextKey<Span> KEY = find();

	private static final @Nullable Class<?> API_CONTEXT = apiContextClass();

	private CurrentSpanKey() {
	}

	/** The key of the current span, or {@code null} when it could not be found. */
	public static @Nullable ContextKey<Span> key() {
		return KEY;
	}

	/**
	 * Whether {@code context} is one of the API's own contexts (not, say, the Java agent's bridge
	 * of them, or a context of ag2's operations), whose {@code get} answers every key itself.
	 */
	public static boolean isApiContext(Context context) {
		return KEY != null && context.getClass() == API_CONTEXT;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable ContextKey<Span> find() {
		try {
			KeyRecorder recorder = new KeyRecorder();
			Span.getInvalid().storeInContext(recorder);
			ContextKey<?> key = recorder.key;
			if (key == null) {
				return null;
			}
			Span probe = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
					TraceFlags.getDefault(), TraceState.getDefault()));
			Context stored = Context.root().with((ContextKey<Object>) key, probe);
			return (Span.fromContext(stored) == probe) ? (ContextKey<Span>) key : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("finding the current span's context key", ex);
			return null;
		}
	}

	private static @Nullable Class<?> apiContextClass() {
		try {
			return Class.forName("io.opentelemetry.context.ArrayBasedContext", false, Context.class.getClassLoader());
		}
		catch (Throwable ex) {
			return null;
		}
	}

	/** A context that only records the key a value is stored under. */
	private static final class KeyRecorder implements Context {

		private @Nullable ContextKey<?> key;

		@Override
		public <V> @Nullable V get(ContextKey<V> key) {
			return null;
		}

		@Override
		public <V> Context with(ContextKey<V> key, V value) {
			this.key = key;
			return this;
		}

	}

}
