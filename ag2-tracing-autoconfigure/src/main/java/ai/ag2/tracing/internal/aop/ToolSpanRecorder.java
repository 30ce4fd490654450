package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.content.ContentCapture;
import org.jspecify.annotations.Nullable;

/**
 * {@code execute_tool {name}}: one tool call, with its arguments (by parameter name) and result as
 * content. The call id comes from the annotation's expression or a parameter named
 * {@code toolCallId}/{@code callId}.
 */
final class ToolSpanRecorder extends SpanRecorder<Tool> {

	private final AnnotationExpressions expressions;

	private final ContentCapture content;

	ToolSpanRecorder(AnnotationExpressions expressions, ContentCapture content) {
		this.expressions = expressions;
		this.content = content;
	}

	@Override
	Ag2SpanType type() {
		return Ag2SpanType.TOOL;
	}

	@Override
	void beforeStart(TracedCall<Tool> call) {
		Tool tool = call.annotation();
		Invocation invocation = call.invocation();
		call.setAttribute(Ag2Attributes.GEN_AI_TOOL_NAME, toolName(call));
		call.setIfPresent(Ag2Attributes.GEN_AI_TOOL_TYPE, tool.type());
		call.setIfPresent(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, tool.description());
		Object callId = tool.callId().isEmpty() ? invocation.argument("toolCallId", "callId")
				: this.expressions.evaluate(tool.callId(), invocation);
		if (callId != null) {
			call.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ID, callId.toString());
		}
		call.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS,
				this.content.arguments(invocation.method(), invocation.args()));
	}

	@Override
	String spanName(TracedCall<Tool> call) {
		return spanName(Ag2Attributes.SPAN_EXECUTE_TOOL, toolName(call));
	}

	@Override
	void onSuccess(TracedCall<Tool> call, @Nullable Object result) {
		if (call.invocation().method().getReturnType() != void.class) {
			call.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, this.content.text(result));
		}
	}

	private static String toolName(TracedCall<Tool> call) {
		String name = call.annotation().name();
		return name.isEmpty() ? call.invocation().method().getName() : name;
	}

}
