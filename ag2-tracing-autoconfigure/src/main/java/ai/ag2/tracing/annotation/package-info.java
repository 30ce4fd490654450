/**
 * Annotations that mark agents, LLM clients, tools, conversations and the other steps of an agent
 * system, so that each invocation becomes an OpenTelemetry span.
 */
@NullMarked
package ai.ag2.tracing.annotation;

import org.jspecify.annotations.NullMarked;
