package ai.ag2.tracing.sample.agents;

/**
 * The outcome of running a program: ag2-tracing reads {@code exitCode} from it.
 *
 * @param exitCode the process's exit code
 * @param output what it printed
 */
public record CodeResult(int exitCode, String output) {

}
