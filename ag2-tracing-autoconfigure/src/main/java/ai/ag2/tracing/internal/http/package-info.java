/**
 * Internal implementation of ag2-tracing: not API, may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.http;

import org.jspecify.annotations.NullMarked;
