/**
 * The language model the sample's agents talk to: a scripted one by default, an
 * OpenAI-compatible endpoint when one is configured.
 */
@NullMarked
package ai.ag2.tracing.sample.llm;

import org.jspecify.annotations.NullMarked;
