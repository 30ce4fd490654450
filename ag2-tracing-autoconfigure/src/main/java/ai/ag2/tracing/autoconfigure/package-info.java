/**
 * Auto-configuration and configuration properties of ag2-tracing.
 */
@NullMarked
package ai.ag2.tracing.autoconfigure;

import org.jspecify.annotations.NullMarked;
