/**
 * The OpenAI Java SDK integration: LLM spans for the SDK's chat completions and Responses API
 * (blocking, streamed and asynchronous), typed readers of its params and results, and the trace
 * context on the SDK's requests. Loaded only with the SDK on the classpath.
 * <p>
 * Internal implementation of ag2-tracing: not API, may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.openai;

import org.jspecify.annotations.NullMarked;
