package ai.ag2.tracing.internal.recorder;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.CodeExecution;
import ai.ag2.tracing.internal.AgentNames;
import ai.ag2.tracing.internal.aop.MethodCall;
import ai.ag2.tracing.internal.aop.Template;
import ai.ag2.tracing.internal.aop.TracedOperation;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.reflect.ObjectProperties;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * {@code execute_code {agent}}: one code execution. The exit code comes from {@code Ag2Span}, the
 * annotation's template or the result's {@code exitCode}; the output, as content, likewise. A
 * non-zero exit code marks the span as an error of type {@code CodeExecutionError}; the result is
 * returned unchanged.
 */
public final class CodeExecutionSpanRecorder extends SpanRecorder<CodeExecution> {

	private final AgentNames agentNames;

	private final ContentCapture content;

	public CodeExecutionSpanRecorder(AgentNames agentNames, ContentCapture content) {
		this.agentNames = agentNames;
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
	public void beforeStart(TracedOperation<CodeExecution> operation) {
		operation.setAgentName(owningAgent(operation.annotation().agent(), operation, this.agentNames));
		operation.setSpanName(spanName(Ag2Attributes.SPAN_EXECUTE_CODE, operation.agentName()));
	}

	@Override
	public void onSuccess(TracedOperation<CodeExecution> operation, @Nullable Object result) {
		MethodCall call = operation.methodCall();
		Long exitCode = operation.frame().exitCode();
		if (exitCode == null) {
			Template template = operation.template("exitCode");
			Object value = template.isEmpty() ? ObjectProperties.read(result, "exit_code", "return_code", "status_code")
					: template.value(call, result);
			exitCode = ObjectProperties.wholeNumber(value);
		}
		if (this.content.isEnabled()) {
			Template template = operation.template("output");
			Object output;
			if (!template.isEmpty()) {
				output = template.value(call, result);
			}
			else {
				output = (result instanceof CharSequence) ? result : ObjectProperties.read(result, "output", "stdout", "logs");
			}
			operation.setAttribute(Ag2Attributes.AG2_CODE_EXECUTION_OUTPUT, this.content.text(output));
		}
		if (exitCode != null) {
			Span span = operation.span();
			span.setAttribute(Ag2Attributes.AG2_CODE_EXECUTION_EXIT_CODE, exitCode);
			if (exitCode != 0) {
				span.setStatus(StatusCode.ERROR, "code exited with " + exitCode);
				span.setAttribute(ErrorAttributes.ERROR_TYPE, Ag2Attributes.ERROR_TYPE_CODE_EXECUTION);
				operation.setErrorType(Ag2Attributes.ERROR_TYPE_CODE_EXECUTION);
			}
		}
	}

}
