/**
 * ag2-tracing's GenAI metrics in an application built on Spring AI's OpenAI starter with a
 * Prometheus registry, run against a fake OpenAI endpoint on loopback.
 */
@NullMarked
package ai.ag2.tracing.springaimetrics;

import org.jspecify.annotations.NullMarked;
