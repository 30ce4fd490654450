/**
 * ag2-tracing's GenAI metrics in an application that calls the OpenAI Java SDK, run against a fake
 * OpenAI endpoint on loopback.
 */
@NullMarked
package ai.ag2.tracing.openaimetrics;

import org.jspecify.annotations.NullMarked;
