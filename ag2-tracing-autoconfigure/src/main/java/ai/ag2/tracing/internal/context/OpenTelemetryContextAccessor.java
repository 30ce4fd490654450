package ai.ag2.tracing.internal.context;

import java.util.ArrayDeque;
import java.util.Deque;

import ai.ag2.tracing.internal.async.AsyncOutcome;
import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry {@link Context} (and with it the current span and ag2 frame) as a thread-local
 * value of Micrometer's context-propagation library, registered through
 * {@code META-INF/services}. With Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}), Reactor then restores the context of a traced
 * {@code Mono}/{@code Flux} on whatever thread its operators run, so work moved to another
 * scheduler ({@code subscribeOn}, {@code publishOn}, an HTTP client's event loop) stays under the
 * span. ag2's subscribers put the context into the Reactor context under
 * {@link AsyncOutcome#REACTOR_CONTEXT_KEY}.
 * <p>
 * OpenTelemetry makes a context current with a {@link Scope}, not a setter: the scopes opened here
 * are kept per thread and closed in reverse order on restore, as the library calls them.
 * <p>
 * Internal API: may change without notice.
 */
public final class OpenTelemetryContextAccessor implements ThreadLocalAccessor<Context> {

	private static final ThreadLocal<Deque<Scope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

	@Override
	public Object key() {
		return AsyncOutcome.REACTOR_CONTEXT_KEY;
	}

	@Override
	public @Nullable Context getValue() {
		Context current = Context.current();
		return (current == Context.root()) ? null : current;
	}

	@Override
	public void setValue(Context value) {
		scopes.get().push(value.makeCurrent());
	}

	@Override
	public void setValue() {
		scopes.get().push(Context.root().makeCurrent());
	}

	@Override
	public void restore(Context previousValue) {
		restore();
	}

	@Override
	public void restore() {
		Deque<Scope> opened = scopes.get();
		Scope scope = opened.poll();
		if (scope != null) {
			scope.close();
		}
		if (opened.isEmpty()) {
			scopes.remove();
		}
	}

}
