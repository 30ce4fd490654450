/**
 * An application built on ag2-tracing's starter that calls the OpenAI Java SDK, as a user would
 * write it, run against a fake OpenAI endpoint on loopback.
 */
@NullMarked
package ai.ag2.tracing.openaiapp;

import org.jspecify.annotations.NullMarked;
