/**
 * The A2A Java SDK integration: the trace context and the remote agent's attributes on the
 * client's requests, A2A replies read from remote agents' results, and {@code AgentExecutor}
 * beans traced as {@code conversation} and {@code invoke_agent} under the request's
 * {@code a2a-execution}. Internal implementation of ag2-tracing: not API, may change without
 * notice.
 */
@NullMarked
package ai.ag2.tracing.internal.a2a;

import org.jspecify.annotations.NullMarked;
