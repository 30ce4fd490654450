package ai.ag2.tracing.internal;

import ai.ag2.tracing.internal.content.ContentCapture;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * What every part of ag2-tracing shares: the {@link OpenTelemetry} instance taken from the
 * application context, the {@link Tracer} of scope {@code ai.ag2.tracing}, and the content
 * capture settings.
 * <p>
 * Internal API: may change without notice.
 */
public final class Ag2Instrumentation {

	private final OpenTelemetry openTelemetry;

	private final Tracer tracer;

	private final ContentCapture contentCapture;

	public Ag2Instrumentation(OpenTelemetry openTelemetry, ContentCapture contentCapture) {
		this.openTelemetry = openTelemetry;
		this.tracer = openTelemetry.tracerBuilder(ai.ag2.tracing.Ag2Attributes.INSTRUMENTATION_SCOPE)
			.setInstrumentationVersion(Ag2Version.get())
			.build();
		this.contentCapture = contentCapture;
	}

	public OpenTelemetry openTelemetry() {
		return this.openTelemetry;
	}

	public Tracer tracer() {
		return this.tracer;
	}

	public ContentCapture contentCapture() {
		return this.contentCapture;
	}

}
