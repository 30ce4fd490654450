/**
 * Start-up diagnostics: failure analyzers that say what to change when an application asks for
 * something the starter's dependencies cannot do.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.diagnostics;

import org.jspecify.annotations.NullMarked;
