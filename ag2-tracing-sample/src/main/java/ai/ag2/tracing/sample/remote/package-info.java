/**
 * The remote agent: a researcher served over HTTP by a second application (its own context, port
 * and {@code service.name}) and the {@code @Agent(remote = true)} bean that calls it.
 * <p>
 * Only {@link ai.ag2.tracing.sample.remote.RemoteAgentServer} and
 * {@link ai.ag2.tracing.sample.remote.RemoteResearcher} are components of the main application;
 * the research service's beans are declared by {@link ai.ag2.tracing.sample.remote.ResearchService}
 * so that the main application's component scan does not pick them up.
 */
@NullMarked
package ai.ag2.tracing.sample.remote;

import org.jspecify.annotations.NullMarked;
