/**
 * The MCP scenario: an agent calls a tool of an MCP server that runs as an application of its
 * own (its own port and {@code service.name}), over the MCP Java SDK's streamable HTTP; the trace
 * goes from the agent's turn through the MCP client span to the server's span and its tool.
 */
@NullMarked
package ai.ag2.tracing.sample.mcp;

import org.jspecify.annotations.NullMarked;
