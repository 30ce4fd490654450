/**
 * The agents, tools and executors of the walkthrough, each traced through its ag2 annotation.
 */
@NullMarked
package ai.ag2.tracing.sample.agents;

import org.jspecify.annotations.NullMarked;
