/**
 * Tests of ag2-tracing with the official OpenTelemetry Spring Boot starter.
 */
@NullMarked
package ai.ag2.tracing.otelstarter;

import org.jspecify.annotations.NullMarked;
