/**
 * ag2-tracing for LangChain4j: the calls that trace models, HTTP clients and tools built by hand.
 */
@NullMarked
package ai.ag2.tracing.langchain4j;

import org.jspecify.annotations.NullMarked;
