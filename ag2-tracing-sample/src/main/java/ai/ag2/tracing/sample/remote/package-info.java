/**
 * The remote agents: a researcher served over HTTP and a tech agent served over A2A by a second
 * application (its own context, port and {@code service.name}), and the
 * {@code @Agent(remote = true)} beans that call them.
 * <p>
 * Only {@link ai.ag2.tracing.sample.remote.RemoteAgentServer},
 * {@link ai.ag2.tracing.sample.remote.RemoteResearcher},
 * {@link ai.ag2.tracing.sample.remote.RemoteTechAgent} and
 * {@link ai.ag2.tracing.sample.remote.TechSupportChat} are components of the main application;
 * the research service's beans are declared by {@link ai.ag2.tracing.sample.remote.ResearchService}
 * so that the main application's component scan does not pick them up.
 */
@NullMarked
package ai.ag2.tracing.sample.remote;

import org.jspecify.annotations.NullMarked;
