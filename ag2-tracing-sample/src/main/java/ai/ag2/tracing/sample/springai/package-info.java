/**
 * The Spring AI scenario: an agent that answers through Spring AI's {@code ChatClient} with a
 * Spring AI tool, against an in-process scripted OpenAI-compatible endpoint unless a real one is
 * configured.
 */
@NullMarked
package ai.ag2.tracing.sample.springai;

import org.jspecify.annotations.NullMarked;
