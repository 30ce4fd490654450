/**
 * Model Context Protocol: every request and notification an MCP client sends (the MCP Java SDK's
 * sync and async clients, Spring AI's MCP client) as a span, the trace context in
 * {@code params._meta}, and a SERVER span per request an MCP server handles, child of the caller's.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.mcp;

import org.jspecify.annotations.NullMarked;
