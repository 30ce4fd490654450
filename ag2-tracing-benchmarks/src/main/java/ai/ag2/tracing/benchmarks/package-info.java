/**
 * JMH benchmarks of ag2-tracing against a plain call, a hand-written OpenTelemetry span,
 * Micrometer's {@code @Observed} and OpenTelemetry's {@code @WithSpan}, and the check of export
 * under load. How to run them: {@code docs/performance.md}.
 */
@NullMarked
package ai.ag2.tracing.benchmarks;

import org.jspecify.annotations.NullMarked;
