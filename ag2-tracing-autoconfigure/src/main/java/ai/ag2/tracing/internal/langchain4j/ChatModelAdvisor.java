package ai.ag2.tracing.internal.langchain4j;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

import ai.ag2.tracing.internal.operation.Ag2Operations;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies {@link ChatModelInterceptor} to the {@code chat} methods of every {@link ChatModel} and
 * {@link StreamingChatModel}: the beans of the context (through Spring's auto-proxy creator, with
 * a class-based proxy, so a bean injected as {@code OpenAiChatModel} stays one) and models handed
 * to {@code Ag2LangChain4j#instrument}. Final classes, which no class-based proxy can extend, are
 * left alone. Its order is {@code LOWEST_PRECEDENCE} and it is registered after ag2's own advisor,
 * so that other advisors of the same bean ({@code @LlmClient} included) run around it. Like ag2's own advisor it needs nothing but reflection until the first
 * traced call.
 * <p>
 * Internal API: may change without notice.
 */
public final class ChatModelAdvisor extends AbstractPointcutAdvisor {

	private final Pointcut pointcut = new ChatMethods();

	private final ChatModelInterceptor interceptor;

	/**
	 * @param operations the operation pipeline; asked for on the first traced call
	 */
	public ChatModelAdvisor(Supplier<Ag2Operations> operations) {
		this.interceptor = new ChatModelInterceptor(SingletonSupplier.of(() -> new ChatModelTracer(operations.get())));
		setOrder(Ordered.LOWEST_PRECEDENCE);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	/** Whether a proxy of {@code type} can be made for this advisor. */
	public static boolean canAdvise(Class<?> type) {
		return (ChatModel.class.isAssignableFrom(type) || StreamingChatModel.class.isAssignableFrom(type))
				&& !Modifier.isFinal(type.getModifiers()) && !ResponseCapturingChatModel.class.equals(type);
	}

	private static final class ChatMethods extends StaticMethodMatcherPointcut {

		ChatMethods() {
			setClassFilter(ChatModelAdvisor::canAdvise);
		}

		@Override
		public boolean matches(Method method, @Nullable Class<?> targetClass) {
			if (!method.getName().equals("chat") || Modifier.isStatic(method.getModifiers())) {
				return false;
			}
			Class<?>[] parameters = method.getParameterTypes();
			return ClassUtils.hasMethod(ChatModel.class, "chat", parameters)
					|| ClassUtils.hasMethod(StreamingChatModel.class, "chat", parameters);
		}

	}

}
