/**
 * ag2-tracing's GenAI metrics in an application that calls LangChain4j's OpenAI models, run
 * against a fake OpenAI endpoint on loopback.
 */
@NullMarked
package ai.ag2.tracing.langchain4jmetrics;

import org.jspecify.annotations.NullMarked;
