package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.internal.aop.AnnotationTemplates;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
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
public final class CodeExecutionSpanRecorder extends SpanRecorder<CodeExecution> {

	private final AgentNames agentNames;

	private final AnnotationTemplates expressions;

	private final ContentCapture content;

	public CodeExecutionSpanRecorder(AgentNames agentNames, AnnotationTemplates expressions, ContentCapture content) {
		this.agentNames = agentNames;
		this.expressions = expressions;
		this.content = content;
	}

	@Override
	public Ag2SpanType type() {
		return Ag2SpanType.CODE_EXECUTION;
	}

	@Override
	public Class<CodeExecution> annotationType() {
		return CodeExecution.class;
	}

	@Override
	public void beforeStart(TracedOperation<CodeExecution> call) {
		call.setAgentName(AgentOfCall.name(call.annotation().agent(), call, this.agentNames));
	}

	@Override
	public String spanName(TracedOperation<CodeExecution> call) {
		return spanName(Ag2Attributes.SPAN_EXECUTE_CODE, call.agentName());
	}

	@Override
	public void onSuccess(TracedOperation<CodeExecution> call, @Nullable Object result) {
		CodeExecution execution = call.annotation();
		MethodCall invocation = call.methodCall();
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
