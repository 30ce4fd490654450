package ai.ag2.tracing.internal.langchain4j;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.operation.Operation;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;

/**
 * Makes each {@code chat} call of a LangChain4j {@code ChatModel}/{@code StreamingChatModel} bean
 * one {@code chat {model}} span: started before the call, current while the model sends its
 * request (so its HTTP client sends the span as parent), ended with the response, the failure or,
 * for a streamed call, when the handler hears of the complete response, the error or a cancel.
 * A streamed call's handler runs in the caller's context, so that what LangChain4j does in it on
 * its HTTP thread (the tools {@code AiServices} runs, the next model call) stays under the caller's
 * span. {@code chat(String)}, which returns only text, runs LangChain4j's own default method on a
 * view of the model that hands the span the whole response, when the model does not override it
 * and no advisor is left to run after this one; otherwise the span has what the text says.
 * <p>
 * Internal API: may change without notice.
 */
final class ChatModelInterceptor implements MethodInterceptor {

	private final Supplier<ChatModelTracer> tracer;

	ChatModelInterceptor(Supplier<ChatModelTracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		ChatModelTracer tracer;
		Object model = invocation.getThis();
		Object[] args = invocation.getArguments();
		int handlerIndex;
		boolean throughDefault;
		try {
			tracer = this.tracer.get();
			handlerIndex = indexOf(args, StreamingChatResponseHandler.class);
			throughDefault = model instanceof ChatModel && handlerIndex < 0 && args.length == 1
					&& args[0] instanceof String && answersThroughDefault(invocation, model);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("preparing to trace a LangChain4j model call", ex);
			return invocation.proceed();
		}
		if (model == null) {
			return invocation.proceed();
		}
		if (throughDefault) {
			return new ResponseCapturingChatModel((ChatModel) model, tracer).chat((String) args[0]);
		}
		Operation operation = tracer.start(model, first(args, ChatRequest.class), messages(args), first(args, String.class),
				handlerIndex >= 0);
		if (operation == null) {
			return invocation.proceed();
		}
		if (handlerIndex >= 0) {
			return stream(invocation, args, handlerIndex, operation, tracer);
		}
		Object result;
		try (Scope ignored = operation.context().makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable failure) {
			tracer.end(operation, null, failure);
			throw failure;
		}
		tracer.end(operation, result, null);
		return result;
	}

	private static @Nullable Object stream(MethodInvocation invocation, Object[] args, int handlerIndex,
			Operation operation, ChatModelTracer tracer) throws Throwable {
		try {
			StreamingChatResponseHandler handler = (StreamingChatResponseHandler) args[handlerIndex];
			args[handlerIndex] = new TracingStreamingHandler(handler, operation, tracer, operation.parentContext());
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("watching a streamed LangChain4j model call", ex);
			tracer.end(operation, null, null);
			return invocation.proceed();
		}
		try (Scope ignored = operation.context().makeCurrent()) {
			return invocation.proceed();
		}
		catch (Throwable failure) {
			tracer.end(operation, null, failure);
			throw failure;
		}
	}

	// chat(String) returns text only: LangChain4j's default of it, run on a view of the model, hands
	// the span the response. Only when the model keeps that default and no other advisor of the
	// proxy, which not proceeding would skip, comes after this one.
	private boolean answersThroughDefault(MethodInvocation invocation, Object model) {
		Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), AopUtils.getTargetClass(model));
		if (!method.getDeclaringClass().isInterface() || !(invocation instanceof ProxyMethodInvocation proxied)
				|| !(proxied.getProxy() instanceof Advised advised)) {
			return false;
		}
		Advisor[] advisors = advised.getAdvisors();
		return advisors.length > 0 && advisors[advisors.length - 1].getAdvice() == this;
	}

	private static int indexOf(Object[] args, Class<?> type) {
		for (int i = args.length - 1; i >= 0; i--) {
			if (type.isInstance(args[i])) {
				return i;
			}
		}
		return -1;
	}

	private static <T> @Nullable T first(Object[] args, Class<T> type) {
		for (Object arg : args) {
			if (type.isInstance(arg)) {
				return type.cast(arg);
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable List<ChatMessage> messages(Object[] args) {
		for (Object arg : args) {
			if (arg instanceof ChatMessage[] array) {
				return Arrays.asList(array);
			}
			if (arg instanceof List<?> list && (list.isEmpty() || list.get(0) instanceof ChatMessage)) {
				return (List<ChatMessage>) list;
			}
		}
		return null;
	}

	/** The context a streamed call's handler runs in: the caller's. */
	static void inContext(Context context, Runnable callback) {
		try (Scope ignored = context.makeCurrent()) {
			callback.run();
		}
	}

}
