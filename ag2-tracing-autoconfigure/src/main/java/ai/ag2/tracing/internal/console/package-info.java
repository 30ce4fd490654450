/**
 * The console trace tree: finished traces printed as indented trees, one line per span.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.console;

import org.jspecify.annotations.NullMarked;
