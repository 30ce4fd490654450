package ai.ag2.tracing.internal.langchain4j;

import java.lang.reflect.Method;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link ToolExecutor} whose every execution is one {@code execute_tool {name}} span
 * in the context it runs in: the tool name the model called, the call id of its
 * {@link ToolExecutionRequest}, the tool's description and, with content capture on, the arguments
 * the model sent and the result the model gets back. An ag2 {@link Tool} on the same method adds
 * its name, description and type. A failure of the tool ends the span with the tool's own
 * exception as {@code error.type} and reaches {@code AiServices} unchanged.
 * <p>
 * Internal API: may change without notice.
 */
final class TracingToolExecutor implements ToolExecutor {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ToolExecutor delegate;

	private final Ag2Operations operations;

	private final String name;

	private final @Nullable String description;

	private final String type;

	TracingToolExecutor(ToolExecutor delegate, ToolSpecification specification, @Nullable Method method,
			Ag2Operations operations) {
		this.delegate = delegate;
		this.operations = operations;
		Tool ag2 = (method != null) ? method.getAnnotation(Tool.class) : null;
		this.name = (ag2 != null && !ag2.name().isEmpty()) ? ag2.name() : specification.name();
		this.description = (ag2 != null && !ag2.description().isEmpty()) ? ag2.description()
				: specification.description();
		this.type = (ag2 != null && !ag2.type().isEmpty()) ? ag2.type() : "function";
	}

	ToolExecutor delegate() {
		return this.delegate;
	}

	@Override
	public String execute(ToolExecutionRequest request, Object memoryId) {
		Operation operation = start(request);
		if (operation == null) {
			return this.delegate.execute(request, memoryId);
		}
		String result;
		try (Scope ignored = operation.context().makeCurrent()) {
			result = this.delegate.execute(request, memoryId);
		}
		catch (Throwable failure) {
			end(operation, null, failure);
			throw failure;
		}
		end(operation, result, null);
		return result;
	}

	@Override
	public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
		Operation operation = start(request);
		if (operation == null) {
			return this.delegate.executeWithContext(request, context);
		}
		ToolExecutionResult result;
		try (Scope ignored = operation.context().makeCurrent()) {
			result = this.delegate.executeWithContext(request, context);
		}
		catch (Throwable failure) {
			end(operation, null, failure);
			throw failure;
		}
		end(operation, result, null);
		return result;
	}

	private @Nullable Operation start(ToolExecutionRequest request) {
		try {
			Operation operation = new Operation(Ag2SpanType.TOOL, Context.current(), ChatModelTracer.INSTRUMENTATION);
			operation.setSpanName(Ag2Attributes.SPAN_EXECUTE_TOOL + ' ' + this.name);
			operation.setToolName(this.name);
			operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_NAME, this.name);
			operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_TYPE, this.type);
			operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, this.description);
			operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_CALL_ID, request.id());
			ContentCapture content = this.operations.content();
			if (content.isEnabled()) {
				operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, arguments(request.arguments(), content));
			}
			return this.operations.start(operation) ? operation : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting the span of a LangChain4j tool", ex);
			return null;
		}
	}

	private void end(Operation operation, @Nullable Object result, @Nullable Throwable failure) {
		try {
			ContentCapture content = this.operations.content();
			if (failure == null && content.isEnabled()) {
				String text = (result instanceof ToolExecutionResult executed) ? executed.resultText()
						: (String) result;
				operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, content.text(text));
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the result of a LangChain4j tool", ex);
		}
		// LangChain4j wraps what the tool threw; error.type names the tool's own exception
		Throwable recorded = (failure instanceof ToolExecutionException && failure.getCause() != null)
				? failure.getCause() : failure;
		this.operations.end(operation, recorded);
	}

	// The model sends the arguments as JSON text: recorded as the JSON object they are, else as text
	private static @Nullable String arguments(@Nullable String arguments, ContentCapture content) {
		if (arguments == null || arguments.isBlank()) {
			return null;
		}
		if (arguments.length() > ContentCapture.MAX_PARSED_JSON_LENGTH) {
			return content.text(arguments);
		}
		try {
			return content.json(JSON.readTree(arguments));
		}
		catch (Exception ex) {
			return content.text(arguments);
		}
	}

}
