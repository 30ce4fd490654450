package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.reflect.ParameterNames;
import ai.ag2.tracing.internal.content.ContentCapture;
import org.jspecify.annotations.Nullable;

/**
 * {@code execute_tool {name}}: one tool call, with its arguments (by parameter name) and result as
 * content. The call id comes from the annotation's expression or a parameter named
 * {@code toolCallId}/{@code callId}.
 */
public final class ToolSpanRecorder extends SpanRecorder<Tool> {

	private final AnnotationTemplates expressions;

	private final ContentCapture content;

	private final Map<Method, ToolDefinition> definitions = new ConcurrentHashMap<>();

	public ToolSpanRecorder(AnnotationTemplates expressions, ContentCapture content) {
		this.expressions = expressions;
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
	public void beforeStart(TracedOperation<Tool> call) {
		Tool tool = call.annotation();
		MethodCall invocation = call.methodCall();
		ToolDefinition definition = definition(invocation.method(), tool);
		call.setAttribute(Ag2Attributes.GEN_AI_TOOL_NAME, definition.name());
		call.setIfPresent(Ag2Attributes.GEN_AI_TOOL_TYPE, definition.type());
		call.setIfPresent(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, definition.description());
		Object callId = (definition.callIdExpression() == null) ? definition.callIdArgument(invocation.args())
				: this.expressions.evaluate(definition.callIdExpression(), invocation);
		if (callId != null) {
			call.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ID, callId.toString());
		}
		call.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS,
				this.content.arguments(invocation.method(), invocation.args()));
	}

	@Override
	public String spanName(TracedOperation<Tool> call) {
		return definition(call.methodCall().method(), call.annotation()).spanName();
	}

	@Override
	public void onSuccess(TracedOperation<Tool> call, @Nullable Object result) {
		if (call.methodCall().method().getReturnType() != void.class) {
			call.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, this.content.text(result));
		}
	}

	private ToolDefinition definition(Method method, Tool tool) {
		ToolDefinition definition = this.definitions.get(method);
		if (definition == null) {
			definition = this.definitions.computeIfAbsent(method, (key) -> ToolDefinition.of(key, tool));
		}
		return definition;
	}

	/**
	 * What a tool method's span takes from its declaration, worked out once per method instead of
	 * on every call (span name, annotation values, which parameter holds the call id).
	 */
	private record ToolDefinition(String name, String spanName, String type, String description,
			@Nullable String callIdExpression, int[] callIdParameters) {

		static ToolDefinition of(Method method, Tool tool) {
			String name = tool.name().isEmpty() ? method.getName() : tool.name();
			return new ToolDefinition(name, SpanRecorder.spanName(Ag2Attributes.SPAN_EXECUTE_TOOL, name), tool.type(),
					tool.description(), tool.callId().isEmpty() ? null : tool.callId(),
					parameterIndexes(method, "toolCallId", "callId"));
		}

		// Same rule as MethodCall.argument: the first of the names whose argument is non-null wins.
		@Nullable Object callIdArgument(@Nullable Object[] args) {
			for (int index : this.callIdParameters) {
				if (index < args.length && args[index] != null) {
					return args[index];
				}
			}
			return null;
		}

		private static int[] parameterIndexes(Method method, String... names) {
			List<@Nullable String> parameters = Arrays.asList(ParameterNames.of(method));
			return Arrays.stream(names).mapToInt(parameters::indexOf).filter((index) -> index >= 0).toArray();
		}

	}

}
