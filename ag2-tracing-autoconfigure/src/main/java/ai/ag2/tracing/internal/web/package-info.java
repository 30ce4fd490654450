/**
 * Trace context propagation over HTTP: the servlet filter that cleans the propagation headers of
 * inbound requests, the one that opens {@code a2a-execution} for them, and the RestClient
 * interceptor that sends the trace context on outbound ones.
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.web;

import org.jspecify.annotations.NullMarked;
