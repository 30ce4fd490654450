package ai.ag2.tracing.internal.web;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.context.Ag2Frame;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;

import org.springframework.util.ClassUtils;

/**
 * Tells whether the current span of an outbound request is the HTTP client span that another
 * instrumentation (Micrometer's RestClient observation, the OpenTelemetry starter) opened for
 * it. With the OpenTelemetry SDK that is a CLIENT span of another instrumentation scope than
 * ag2's; without it (an API-only {@code OpenTelemetry}), any span that is not ag2's own counts.
 * <p>
 * Internal API: may change without notice.
 */
final class HttpClientSpans {

	private static final boolean SDK_PRESENT = ClassUtils.isPresent("io.opentelemetry.sdk.trace.ReadableSpan",
			HttpClientSpans.class.getClassLoader());

	private HttpClientSpans() {
	}

	/** Whether {@code context}'s span was opened for the exchange by another instrumentation. */
	static boolean isForeignClientSpan(Context context) {
		Span span = Span.fromContext(context);
		if (!span.getSpanContext().isValid() || isAg2Span(span, context)) {
			return false;
		}
		return !SDK_PRESENT || Sdk.isForeignClientSpan(span);
	}

	private static boolean isAg2Span(Span span, Context context) {
		Ag2Frame frame = Ag2Frame.from(context);
		return frame != null && frame.span().getSpanContext().equals(span.getSpanContext());
	}

	/** Kept apart so that the SDK classes load only when the SDK is present. */
	private static final class Sdk {

		static boolean isForeignClientSpan(Span span) {
			if (span instanceof ReadableSpan readable) {
				return readable.getKind() == SpanKind.CLIENT
						&& !Ag2Attributes.INSTRUMENTATION_SCOPE.equals(readable.getInstrumentationScopeInfo().getName());
			}
			// a span of an SDK we cannot read (a Java agent's): trust that it is the exchange's
			return true;
		}

	}

}
