/**
 * Public programmatic API of ag2-tracing: the handle on the current span, the context-propagating
 * executors, the LLM extractor SPI and the vocabulary of span names and attribute keys.
 */
@NullMarked
package ai.ag2.tracing;

import org.jspecify.annotations.NullMarked;
