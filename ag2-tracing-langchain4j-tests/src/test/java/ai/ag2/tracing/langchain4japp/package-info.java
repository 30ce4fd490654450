/**
 * An application built on ag2-tracing's starter that calls LangChain4j (AiServices with tools,
 * OpenAI models, blocking and streamed), as a user would write it, run against a fake OpenAI
 * endpoint on loopback.
 */
@NullMarked
package ai.ag2.tracing.langchain4japp;

import org.jspecify.annotations.NullMarked;
