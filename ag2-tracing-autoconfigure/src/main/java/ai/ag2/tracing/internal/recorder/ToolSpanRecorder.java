package ai.ag2.tracing.internal.recorder;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.aop.Template;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.reflect.ParameterNames;
import org.jspecify.annotations.Nullable;

/**
 * {@code execute_tool {name}}: one tool call, with its arguments (by parameter name) and result as
 * content. The call id comes from the annotation's template or a parameter named
 * {@code toolCallId}/{@code callId}; such a parameter is an id, not an argument of the tool, so it
 * is left out of {@code gen_ai.tool.call.arguments}.
 */
public final class ToolSpanRecorder extends SpanRecorder<Tool> {

	private final ContentCapture content;

	public ToolSpanRecorder(ContentCapture content) {
		this.content = content;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.TOOL;
	}

	@Override
	public Class<Tool> annotationType() {
		return Tool.class;
	}

	@Override
	public void beforeStart(TracedOperation<Tool> operation) {
		ToolDefinition definition = operation.methodState(this, ToolDefinition::of);
		operation.setSpanName(definition.spanName());
		operation.setToolName(definition.name());
		// gen_ai.tool.name, .type and .description: the same for every call of the method
		operation.setConstantAttributes(definition.attributes());
		Template callIdTemplate = definition.callId();
		Object callId = callIdTemplate.isEmpty() ? definition.callIdArgument(operation.args())
				: callIdTemplate.value(operation.methodCall());
		if (callId != null) {
			operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ID, callId.toString());
		}
		if (this.content.isEnabled()) {
			operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, this.content
				.jsonObject(definition.argumentNames(), definition.argumentIndexes(), operation.args()));
		}
	}

	@Override
	public void onSuccess(TracedOperation<Tool> operation, @Nullable Object result) {
		if (this.content.isEnabled() && operation.method().getReturnType() != void.class) {
			operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, this.content.text(result));
		}
	}

	/**
	 * What a tool method's span takes from its declaration, worked out once per method instead of
	 * on every call (span name, annotation values as start attributes, the call-id template, which
	 * parameters hold the call id).
	 */
	private record ToolDefinition(String name, String spanName, Object[] attributes, Template callId,
			int[] callIdParameters, String[] argumentNames, int[] argumentIndexes) {

		static ToolDefinition of(TracedOperation<Tool> operation) {
			Method method = operation.method();
			Tool tool = operation.annotation();
			String name = tool.name().isEmpty() ? method.getName() : tool.name();
			@Nullable String[] parameters = ParameterNames.of(method);
			List<@Nullable String> names = Arrays.asList(parameters);
			int[] callIds = new int[] { names.indexOf("toolCallId"), names.indexOf("callId") };
			List<Object> attributes = new ArrayList<>(6);
			attributes.addAll(List.of(Ag2Attributes.GEN_AI_TOOL_NAME, name));
			if (!tool.type().isEmpty()) {
				attributes.addAll(List.of(Ag2Attributes.GEN_AI_TOOL_TYPE, tool.type()));
			}
			if (!tool.description().isEmpty()) {
				attributes.addAll(List.of(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, tool.description()));
			}
			int[] callIdParameters = Arrays.stream(callIds).filter((index) -> index >= 0).toArray();
			// the tool's arguments by parameter name, without the call id
			int[] argumentIndexes = IntStream.range(0, parameters.length)
				.filter((index) -> Arrays.stream(callIdParameters).noneMatch((callId) -> callId == index))
				.toArray();
			String[] argumentNames = Arrays.stream(argumentIndexes)
				.mapToObj((index) -> (parameters[index] != null) ? parameters[index] : "arg" + index)
				.toArray(String[]::new);
			return new ToolDefinition(name, SpanRecorder.spanName(Ag2Attributes.SPAN_EXECUTE_TOOL, name),
					attributes.toArray(), operation.template("callId"), callIdParameters, argumentNames, argumentIndexes);
		}

		// The first of the call-id parameters whose argument is non-null wins.
		@Nullable Object callIdArgument(@Nullable Object[] args) {
			for (int index : this.callIdParameters) {
				if (index < args.length && args[index] != null) {
					return args[index];
				}
			}
			return null;
		}

	}

}
