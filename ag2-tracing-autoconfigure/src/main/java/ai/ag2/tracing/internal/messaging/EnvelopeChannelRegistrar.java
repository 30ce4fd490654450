package ai.ag2.tracing.internal.messaging;

import java.util.function.Supplier;

import ai.ag2.tracing.internal.InstrumentationFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.InterceptableChannel;

/**
 * Adds an {@link EnvelopeChannelInterceptor} to every interceptable channel bean of the context,
 * first in its chain, so that other interceptors (a wire tap, say) run inside the envelope and
 * the handling thread is restored before theirs run: as Spring Integration applies its global
 * channel interceptors, once all singletons exist (after channels were given their own
 * interceptors) and for channel beans created later. Adding twice is a no-op.
 * <p>
 * Internal API: may change without notice.
 */
public final class EnvelopeChannelRegistrar implements BeanPostProcessor, SmartInitializingSingleton,
		BeanFactoryAware {

	private final Supplier<EnvelopeTracing> tracing;

	private final Supplier<LibrarySendSpans> librarySends;

	private volatile @Nullable ListableBeanFactory beanFactory;

	/**
	 * @param tracing the envelope rules, looked up on first use (channels exist early)
	 * @param librarySends finds the spans of libraries' own send observations, looked up on first use
	 */
	public EnvelopeChannelRegistrar(Supplier<EnvelopeTracing> tracing, Supplier<LibrarySendSpans> librarySends) {
		this.tracing = tracing;
		this.librarySends = librarySends;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (beanFactory instanceof ListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof InterceptableChannel channel) {
			intercept(channel, beanName);
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ListableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			return;
		}
		try {
			factory.getBeansOfType(InterceptableChannel.class, false, false).forEach(
					(name, channel) -> intercept(channel, name));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("adding envelope tracing to the context's channels", ex);
		}
	}

	/** Add envelope tracing to {@code channel}, named {@code name}, unless it has it already. */
	public void intercept(InterceptableChannel channel, String name) {
		try {
			if (hasEnvelopeTracing(channel)) {
				return;
			}
			channel.addInterceptor(0,
					new EnvelopeChannelInterceptor(this.tracing, this.librarySends, name));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("adding envelope tracing to channel '" + name + "'", ex);
		}
	}

	/** Whether {@code channel} already has an {@link EnvelopeChannelInterceptor}. */
	public static boolean hasEnvelopeTracing(InterceptableChannel channel) {
		for (ChannelInterceptor interceptor : channel.getInterceptors()) {
			if (interceptor instanceof EnvelopeChannelInterceptor) {
				return true;
			}
		}
		return false;
	}

}
