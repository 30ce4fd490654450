/**
 * ag2-tracing for the A2A Java SDK: the interceptor that carries the trace to the remote agent.
 */
@NullMarked
package ai.ag2.tracing.a2a;

import org.jspecify.annotations.NullMarked;
