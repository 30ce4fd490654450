package ai.ag2.tracing.internal.a2a;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.context.Ag2Frame;
import io.a2a.server.ServerCallContext;
import io.a2a.server.requesthandlers.RequestHandler;
import io.a2a.spec.AgentCard;
import io.a2a.spec.JSONRPCRequest;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Advises the A2A server's request handlers that are beans, the SDK's {@code RequestHandler}
 * (a {@code DefaultRequestHandler}) and its {@code JSONRPCHandler}: each method that takes a
 * {@link ServerCallContext} runs on the thread that serves the request, so the advice remembers
 * that thread's context for the call ({@link A2aServerCalls}) before the handler hands the agent's
 * work to its thread pool, and writes the request's {@code a2a.method.name} and
 * {@code jsonrpc.request.id} on its {@code a2a-execution} span. The handler's result, exceptions
 * and arguments are untouched. Final classes, which no class-based proxy can extend, are left
 * alone.
 * <p>
 * Internal API: may change without notice.
 */
public final class A2aHandlerAdvisor extends AbstractPointcutAdvisor {

	private static final boolean JSONRPC_PRESENT = ClassUtils.isPresent(
			"io.a2a.transport.jsonrpc.handler.JSONRPCHandler", A2aHandlerAdvisor.class.getClassLoader());

	// The A2A methods of RequestHandler's methods, for handlers called without a JSON-RPC request.
	private static final Map<String, String> METHODS = Map.of("onMessageSend", "message/send",
			"onMessageSendStream", "message/stream", "onCancelTask", "tasks/cancel", "onGetTask", "tasks/get",
			"onResubscribeToTask", "tasks/resubscribe");

	private final Pointcut pointcut = new HandlerMethods();

	private final Advice advice;

	public A2aHandlerAdvisor(A2aServerCalls calls) {
		this.advice = new RememberContext(calls);
		// outside every other advice of the handler: its context is the request's
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	static boolean isHandler(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers())) {
			return false;
		}
		return RequestHandler.class.isAssignableFrom(type) || (JSONRPC_PRESENT && JsonRpc.isHandler(type));
	}

	private static final class HandlerMethods extends StaticMethodMatcherPointcut {

		HandlerMethods() {
			setClassFilter(A2aHandlerAdvisor::isHandler);
		}

		@Override
		public boolean matches(Method method, @Nullable Class<?> targetClass) {
			if (Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())) {
				return false;
			}
			for (Class<?> parameter : method.getParameterTypes()) {
				if (parameter == ServerCallContext.class) {
					return true;
				}
			}
			return false;
		}

	}

	private record RememberContext(A2aServerCalls calls) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			try {
				remember(invocation);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("remembering the context of an A2A request", ex);
			}
			return invocation.proceed();
		}

		private void remember(MethodInvocation invocation) {
			Object[] arguments = invocation.getArguments();
			ServerCallContext callContext = null;
			JSONRPCRequest<?> request = null;
			for (Object argument : arguments) {
				if (argument instanceof ServerCallContext found) {
					callContext = found;
				}
				else if (argument instanceof JSONRPCRequest<?> found) {
					request = found;
				}
			}
			if (callContext == null) {
				return;
			}
			AgentCard card = (JSONRPC_PRESENT) ? JsonRpc.agentCard(invocation.getThis()) : null;
			Context context = Context.current();
			this.calls.remember(callContext, new A2aServerCalls.Call(context, (card != null) ? card.name() : null,
					(card != null) ? card.description() : null));
			String method = (request != null) ? request.getMethod() : METHODS.get(invocation.getMethod().getName());
			Ag2Frame frame = Ag2Frame.from(context);
			if (method == null || frame == null || frame.type() != Ag2SpanType.A2A_EXECUTION
					|| !frame.span().getSpanContext().equals(Span.fromContext(context).getSpanContext())) {
				return;
			}
			frame.span().setAttribute(Ag2Attributes.A2A_METHOD_NAME, method);
			if (request != null && request.getId() != null) {
				frame.span().setAttribute(Ag2Attributes.JSONRPC_REQUEST_ID, String.valueOf(request.getId()));
			}
		}

	}

	/** Loaded only when the SDK's JSON-RPC transport is on the class path. */
	private static final class JsonRpc {

		static boolean isHandler(Class<?> type) {
			return JSONRPCHandler.class.isAssignableFrom(type);
		}

		static @Nullable AgentCard agentCard(@Nullable Object handler) {
			return (handler instanceof JSONRPCHandler jsonRpc) ? jsonRpc.getAgentCard() : null;
		}

	}

}
