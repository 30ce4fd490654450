package ai.ag2.tracing.sample.llm;

/**
 * A tool call the model asks for.
 *
 * @param id the call id the model gave
 * @param name the tool
 * @param arguments the arguments, as the JSON object the model wrote
 */
public record ToolCall(String id, String name, String arguments) {

}
