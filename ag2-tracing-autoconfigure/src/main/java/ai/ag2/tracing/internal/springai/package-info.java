/**
 * The Spring AI integration: Spring AI's chat-model and tool-calling observations become ag2's
 * LLM and tool operations (adopted, not duplicated), its framework observations carry the
 * conversation and agent of the enclosing ag2 spans, and streamed ChatClient calls keep one trace
 * down to the model endpoint.
 * <p>
 * Internal API: may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.springai;

import org.jspecify.annotations.NullMarked;
