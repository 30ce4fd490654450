/**
 * A fake LLM proxy (like LiteLLM) for the proxy scenario: a servlet application of its own, kept
 * out of the agent application's component scan.
 */
@NullMarked
package ai.ag2.tracing.llmproxy;

import org.jspecify.annotations.NullMarked;
