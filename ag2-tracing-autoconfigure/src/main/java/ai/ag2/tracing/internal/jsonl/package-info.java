/**
 * The JSONL span mirror: every finished span also written to a file, one OTLP/JSON line per
 * export batch, rolled by size.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.jsonl;

import org.jspecify.annotations.NullMarked;
