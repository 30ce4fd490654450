package ai.ag2.tracing.internal.aop;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.ObjectProperties;
import ai.ag2.tracing.internal.content.ContentCapture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * {@code execute_code {agent}}: one code execution. The exit code comes from {@code Ag2Span}, the
 * annotation's expression or the result's {@code exitCode}; the output, as content, likewise. A
 * non-zero exit code marks the span as an error of type {@code CodeExecutionError}; the result is
 * returned unchanged.
 */
final class CodeExecutionSpanRecorder extends SpanRecorder<CodeExecution> {

	private final AgentNames agentNames;

	private final AnnotationExpressions expressions;

	private final ContentCapture content;

	CodeExecutionSpanRecorder(AgentNames agentNames, AnnotationExpressions expressions, ContentCapture content) {
		this.agentNames = agentNames;
		this.expressions = expressions;
		this.content = content;
	}

	@Override
	Ag2SpanType type() {
		return Ag2SpanType.CODE_EXECUTION;
	}

	@Override
	Class<CodeExecution> annotationType() {
		return CodeExecution.class;
	}

	@Override
	void beforeStart(TracedCall<CodeExecution> call) {
		call.setAgentName(AgentOfCall.name(call.annotation().agent(), call, this.agentNames));
	}

	@Override
	String spanName(TracedCall<CodeExecution> call) {
		return spanName(Ag2Attributes.SPAN_EXECUTE_CODE, call.agentName());
	}

	@Override
	void onSuccess(TracedCall<CodeExecution> call, @Nullable Object result) {
		CodeExecution execution = call.annotation();
		Invocation invocation = call.invocation();
		Long exitCode = call.frame().exitCode();
		if (exitCode == null) {
			Object value = execution.exitCode().isEmpty()
					? ObjectProperties.read(result, "exit_code", "return_code", "status_code")
					: this.expressions.evaluate(execution.exitCode(), invocation, result);
			exitCode = ObjectProperties.wholeNumber(value);
		}
		if (this.content.isEnabled()) {
			Object output;
			if (!execution.output().isEmpty()) {
				output = this.expressions.evaluate(execution.output(), invocation, result);
			}
			else {
				output = (result instanceof CharSequence) ? result : ObjectProperties.read(result, "output", "stdout", "logs");
			}
			call.setAttribute(Ag2Attributes.AG2_CODE_EXECUTION_OUTPUT, this.content.text(output));
		}
		if (exitCode != null) {
			Span span = call.span();
			span.setAttribute(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE, exitCode);
			if (exitCode != 0) {
				span.setStatus(StatusCode.ERROR, "code exited with " + exitCode);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, Ag2Attributes.ERROR_TYPE_CODE_EXECUTION);
			}
		}
	}

}
