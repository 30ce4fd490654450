/**
 * Fixtures the test modules share: a fake OpenAI endpoint on loopback, span trees, a raw HTTP
 * client. Nothing here depends on an AI library or on ag2-tracing itself.
 */
@NullMarked
package ai.ag2.tracing.test;

import org.jspecify.annotations.NullMarked;
