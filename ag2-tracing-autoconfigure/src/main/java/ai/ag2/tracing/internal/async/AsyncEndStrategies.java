package ai.ag2.tracing.internal.async;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The {@link AsyncEndStrategy} for a method's declared return type: those of the library
 * integrations first (their stream handles), then Reactor's (when Reactor is present), then
 * {@code CompletionStage}'s. A method declared to return {@code Object} is matched by the class of
 * the value it returned.
 * <p>
 * Internal API: may change without notice.
 */
public final class AsyncEndStrategies {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			AsyncEndStrategies.class.getClassLoader());

	private final List<AsyncEndStrategy> strategies;

	/** The built-in strategies after {@code additional} ones (consulted first). */
	public AsyncEndStrategies(List<AsyncEndStrategy> additional) {
		List<AsyncEndStrategy> all = new ArrayList<>(additional);
		if (REACTOR_PRESENT) {
			all.add(new ReactorEndStrategy());
		}
		all.add(new CompletionStageEndStrategy());
		this.strategies = List.copyOf(all);
	}

	/** The strategy for results declared as {@code returnType}, or {@code null} when they complete at return. */
	public @Nullable AsyncEndStrategy forType(Class<?> returnType) {
		if (returnType == void.class || returnType.isPrimitive()) {
			return null;
		}
		for (AsyncEndStrategy strategy : this.strategies) {
			if (strategy.supports(returnType)) {
				return strategy;
			}
		}
		return null;
	}

	/** {@code failure} without the {@code CompletionException}/{@code ExecutionException} wrappers. */
	public static Throwable unwrap(Throwable failure) {
		return CompletionStageEndStrategy.unwrap(failure);
	}

}
