/**
 * An application built on ag2-tracing's starter and Spring AI's OpenAI starter, as a user would
 * write it, run against a fake OpenAI endpoint on loopback.
 */
@NullMarked
package ai.ag2.tracing.springaiapp;

import org.jspecify.annotations.NullMarked;
