package ai.ag2.tracing.internal.context;

import ai.ag2.tracing.internal.InstrumentationFailures;
import java.lang.reflect.Field;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes ag2 spans current for Micrometer Tracing's OpenTelemetry bridge too. The bridge keeps
 * the span of the innermost Micrometer scope (an HTTP server observation, say) under a context
 * key of its own and prefers it over {@code Span.current()}; an ag2 span made current through
 * the OpenTelemetry context alone would then be skipped as the parent of Micrometer's spans (the
 * RestClient's HTTP client span, {@code @Observed}, Spring AI's model calls). Clearing that key
 * in the ag2 span's context makes the bridge fall back to {@code Span.current()}, the ag2 span,
 * until Micrometer opens a scope of its own. Without the bridge, or with a bridge that has no
 * such key, contexts are left as they are.
 * <p>
 * Internal API: may change without notice.
 */
public final class MicrometerBridgeContext {

	private static final String BRIDGE_CLASS = "io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext";

	private static final @Nullable ContextKey<@Nullable Object> BRIDGE_SPAN_KEY = findBridgeSpanKey();

	private MicrometerBridgeContext() {
	}

	/** Whether {@code key} is the bridge's key of its own current span. */
	public static boolean isBridgeSpanKey(ContextKey<?> key) {
		return key == BRIDGE_SPAN_KEY;
	}

	/** {@code context} without the bridge's own current span, so that its span counts for Micrometer. */
	public static Context withOpenTelemetrySpanCurrent(Context context) {
		ContextKey<@Nullable Object> key = BRIDGE_SPAN_KEY;
		if (key == null || context.get(key) == null) {
			return context;
		}
		return context.with(key, null);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable ContextKey<@Nullable Object> findBridgeSpanKey() {
		try {
			ClassLoader classLoader = MicrometerBridgeContext.class.getClassLoader();
			if (!ClassUtils.isPresent(BRIDGE_CLASS, classLoader)) {
				return null;
			}
			Field field = ReflectionUtils.findField(ClassUtils.forName(BRIDGE_CLASS, classLoader), "OTEL_CONTEXT_KEY",
					ContextKey.class);
			if (field == null) {
				return null;
			}
			ReflectionUtils.makeAccessible(field);
			return (ContextKey<@Nullable Object>) field.get(null);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Finding the current span key of Micrometer's OpenTelemetry bridge", ex);
			return null;
		}
	}

}
