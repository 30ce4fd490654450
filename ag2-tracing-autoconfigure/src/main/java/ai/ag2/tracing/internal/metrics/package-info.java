/**
 * The OpenTelemetry GenAI metrics, recorded through Micrometer from ag2's operations.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.metrics;

import org.jspecify.annotations.NullMarked;
