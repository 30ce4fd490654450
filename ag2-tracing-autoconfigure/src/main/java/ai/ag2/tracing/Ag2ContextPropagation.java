package ai.ag2.tracing;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.opentelemetry.context.Context;

/**
 * Carries the current trace and ag2 context (conversation, agent) to work run on other threads,
 * so that parallel tool calls and chats nest under the span that started them.
 * <pre>{@code
 * ExecutorService tools = Ag2ContextPropagation.wrap(Executors.newVirtualThreadPerTaskExecutor());
 * }</pre>
 * The auto-configuration also applies a {@code TaskDecorator} to Spring Boot's task executor, so
 * {@code @Async} methods and the {@code applicationTaskExecutor} bean propagate without this class.
 */
public final class Ag2ContextPropagation {

	private Ag2ContextPropagation() {
	}

	/** An executor that runs each task in the context current when it was submitted. */
	public static Executor wrap(Executor executor) {
		return Context.taskWrapping(executor);
	}

	/** An executor service that runs each task in the context current when it was submitted. */
	public static ExecutorService wrap(ExecutorService executor) {
		return Context.taskWrapping(executor);
	}

	/** A scheduled executor service that runs each task in the context current when it was submitted. */
	public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
		return Context.taskWrapping(executor);
	}

	/** {@code task}, bound to the current context. */
	public static Runnable wrap(Runnable task) {
		return Context.current().wrap(task);
	}

	/** {@code task}, bound to the current context. */
	public static <T> Callable<T> wrap(Callable<T> task) {
		return Context.current().wrap(task);
	}

	/**
	 * {@code consumer}, bound to the current context: for callbacks a library calls on threads of
	 * its own (the events of a streamed reply, say).
	 */
	public static <T> Consumer<T> wrapConsumer(Consumer<T> consumer) {
		return Context.current().wrapConsumer(consumer);
	}

	/** {@code consumer}, bound to the current context. */
	public static <T, U> BiConsumer<T, U> wrapConsumer(BiConsumer<T, U> consumer) {
		return Context.current().wrapConsumer(consumer);
	}

}
