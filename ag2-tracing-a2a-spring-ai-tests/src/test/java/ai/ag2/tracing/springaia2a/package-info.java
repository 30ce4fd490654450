/**
 * The community A2A server for Spring ({@code spring-ai-a2a-server-autoconfigure}) with
 * ag2-tracing, called with the A2A SDK's client.
 */
@NullMarked
package ai.ag2.tracing.springaia2a;

import org.jspecify.annotations.NullMarked;
