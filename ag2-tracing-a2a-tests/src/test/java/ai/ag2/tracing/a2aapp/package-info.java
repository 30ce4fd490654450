/**
 * Two Spring Boot applications that talk A2A with the A2A Java SDK: a server that hosts an
 * {@code AgentExecutor} behind the SDK's {@code JSONRPCHandler} in a Spring MVC controller, and a
 * caller whose remote agent uses the SDK's client.
 */
@NullMarked
package ai.ag2.tracing.a2aapp;

import org.jspecify.annotations.NullMarked;
