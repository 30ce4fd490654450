/**
 * The ag2-tracing sample: AG2's tracing walkthrough played by Spring beans.
 */
@NullMarked
package ai.ag2.tracing.sample;

import org.jspecify.annotations.NullMarked;
