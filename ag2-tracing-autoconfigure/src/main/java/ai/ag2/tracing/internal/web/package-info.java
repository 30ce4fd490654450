/**
 * Trace context propagation over HTTP: the servlet filter that opens {@code a2a-execution} for
 * inbound requests and the RestClient interceptor that sends the trace context on outbound ones.
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.web;

import org.jspecify.annotations.NullMarked;
