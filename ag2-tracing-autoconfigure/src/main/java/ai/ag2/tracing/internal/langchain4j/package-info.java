/**
 * The LangChain4j integration: LLM spans for {@code ChatModel}/{@code StreamingChatModel} calls,
 * tool spans for the tools {@code AiServices} runs, the trace context on LangChain4j's HTTP
 * requests. Internal implementation of ag2-tracing: not API, may change without notice.
 */
@NullMarked
package ai.ag2.tracing.internal.langchain4j;

import org.jspecify.annotations.NullMarked;
