package ai.ag2.tracing.internal.console;

import java.util.List;

import io.opentelemetry.api.common.Attributes;

/**
 * What the console tree shows for spans of one {@code ag2.span.type}, after the duration: token
 * counts, finish reasons, exit codes, … Built-in for ag2's span types; an integration that adds a
 * span type adds a bean of this type, and the renderer needs no change.
 * <p>
 * Internal API: may change without notice.
 */
public interface SpanDetails {

	/** The {@code ag2.span.type} value this describes. */
	String spanType();

	/** Append the short details of a span of this type (e.g. {@code "in 41"}, {@code "stop"}). */
	void describe(Attributes attributes, List<String> details);

}
