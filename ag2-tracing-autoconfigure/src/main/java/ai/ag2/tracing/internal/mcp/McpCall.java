package ai.ag2.tracing.internal.mcp;

import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * One MCP request or notification on its way, sent by a client or handled by a server: its
 * operation, and how its outcome is recorded (a result, a result marked {@code isError}, a JSON-RPC
 * error, a failure) before it ends, once.
 */
final class McpCall {

	private final Ag2Operations operations;

	private final Operation operation;

	private final String method;

	private final Context parentContext;

	private volatile boolean serverRecorded;

	McpCall(Ag2Operations operations, Operation operation, String method, Context parentContext) {
		this.operations = operations;
		this.operation = operation;
		this.method = method;
		this.parentContext = parentContext;
	}

	String method() {
		return this.method;
	}

	boolean isToolCall() {
		return McpSchema.METHOD_TOOLS_CALL.equals(this.method);
	}

	/** The context to make current while the call runs (its span, frame and span key). */
	Context context() {
		return this.operation.context();
	}

	/** The context the call was made in: what continues once its answer has arrived. */
	Context parentContext() {
		return this.parentContext;
	}

	Operation operation() {
		return this.operation;
	}

	boolean isEnded() {
		return this.operation.isEnded();
	}

	/** Record the server endpoint of an HTTP transport, once per call. */
	void recordServer(String host, int port) {
		if (this.serverRecorded) {
			return;
		}
		this.serverRecorded = true;
		this.operation.setAttribute(ServerAttributes.SERVER_ADDRESS, host);
		if (port > 0) {
			this.operation.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
		}
	}

	void recordSessionId(@Nullable String sessionId) {
		this.operation.setIfPresent(Ag2Attributes.MCP_SESSION_ID, sessionId);
	}

	/** End with the peer's answer: its result (content, {@code isError}) or its JSON-RPC error. */
	void endWith(McpSchema.JSONRPCResponse response) {
		try {
			McpSchema.JSONRPCResponse.JSONRPCError error = response.error();
			if (error != null) {
				recordError(error.code(), error.message(), null);
			}
			else {
				recordResult(response.result());
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the answer to an MCP " + this.method + " request", ex);
		}
		end();
	}

	/** End with the result a server's handler returned. */
	void endWithResult(@Nullable Object result) {
		try {
			recordResult(result);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the result of an MCP " + this.method + " request", ex);
		}
		end();
	}

	/**
	 * End with a failure: on a server the JSON-RPC error the SDK answers with ({@link McpError}'s
	 * code, else internal error), on a client the exception the send failed with.
	 */
	void endWithFailure(Throwable failure, boolean asJsonRpcError) {
		try {
			if (asJsonRpcError) {
				McpSchema.JSONRPCResponse.JSONRPCError error = (failure instanceof McpError mcpError)
						? mcpError.getJsonRpcError() : null;
				Integer code = (error != null) ? error.code() : McpSchema.ErrorCodes.INTERNAL_ERROR;
				String message = (error != null && error.message() != null) ? error.message() : failure.getMessage();
				recordError(code, message, failure);
			}
			else {
				recordStatus(failure.getClass().getName(), failure.getMessage(), failure);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording the failure of an MCP " + this.method + " request", ex);
		}
		end();
	}

	/** End a call that never had an answer, with {@code error.type} {@code errorType}. */
	void endWithoutAnswer(String errorType, String message) {
		try {
			recordStatus(errorType, message, null);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("recording an unanswered MCP " + this.method + " request", ex);
		}
		end();
	}

	/** End as it is (a notification sent, a request whose answer was recorded). */
	void end() {
		this.operations.end(this.operation, null);
	}

	private void recordResult(@Nullable Object result) {
		if (isToolCall()) {
			if (McpMessages.isToolError(result)) {
				recordStatus(Ag2Attributes.ERROR_TYPE_MCP_TOOL_ERROR, "tool result marked isError", null);
			}
			ContentCapture content = this.operations.content();
			if (content.isEnabled() && result != null) {
				this.operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT, content.json(McpMessages.withoutMeta(result)));
			}
		}
	}

	private void recordError(@Nullable Integer code, @Nullable String message, @Nullable Throwable failure) {
		String value = String.valueOf((code != null) ? code : McpSchema.ErrorCodes.INTERNAL_ERROR);
		this.operation.setAttribute(Ag2Attributes.RPC_RESPONSE_STATUS_CODE, value);
		recordStatus(value, message, failure);
	}

	// the span carries error.type, an ERROR status with the JSON-RPC message and, for a failure, its event
	private void recordStatus(String errorType, @Nullable String message, @Nullable Throwable failure) {
		this.operation.setErrorType(errorType);
		Span span = this.operation.span();
		span.setStatus(StatusCode.ERROR, (message != null) ? message : errorType);
		span.setAttribute(ErrorAttributes.ERROR_TYPE, errorType);
		if (failure != null) {
			span.recordException(failure);
		}
	}

	/** The arguments of a tool call as content, when capture is on. */
	static void recordArguments(Operation operation, @Nullable Map<?, ?> params, ContentCapture content) {
		if (!content.isEnabled() || params == null) {
			return;
		}
		Object arguments = params.get("arguments");
		if (arguments != null) {
			operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS, content.json(arguments));
		}
	}

}
