package ai.ag2.tracing.sample.llm;

/**
 * A tool offered to the model: a function of one string parameter, which is all the sample needs.
 *
 * @param name the function name
 * @param description what it does
 * @param parameter the name of its one string parameter
 * @param parameterDescription what the parameter means
 */
public record ToolDefinition(String name, String description, String parameter, String parameterDescription) {

}
