package ai.ag2.tracing.internal.openai;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.LlmStreamAggregator;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.async.AsyncEndStrategies;
import ai.ag2.tracing.internal.http.HttpClientTracing;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.RequestOptions;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.services.async.ResponseServiceAsync;
import com.openai.services.async.chat.ChatCompletionServiceAsync;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * LLM spans for a client of the OpenAI Java SDK, through the one operation pipeline
 * ({@link Ag2Operations}): {@link #wrap} returns a client that behaves as the given one and makes a
 * {@code chat {model}} CLIENT span (instrumentation {@value #INSTRUMENTATION}) for each
 * {@code chat().completions().create(…)} and {@code createStreaming(…)} and each
 * {@code responses().create(…)} and {@code createStreaming(…)}, on the blocking and the
 * asynchronous client ({@code async()}, {@code sync()} and {@code withOptions(…)} keep it), and
 * sends the trace context with each of the SDK's requests ({@link OpenAiTransport}). A streamed
 * call's span ends when its stream is exhausted, fails or is closed; an asynchronous one's before
 * the caller sees the result. Inside an ag2 {@code @LlmClient} method the call adds to that
 * method's span instead of opening a second (DESIGN §10). Every other method goes to the wrapped
 * client unchanged; structured-output variants reach the traced ones through the SDK's own default
 * methods.
 * <p>
 * The proxies stand for {@code OpenAIClient}/{@code OpenAIClientAsync}, {@code ChatService(Async)},
 * {@code ChatCompletionService(Async)} and {@code ResponseService(Async)}.
 * <p>
 * Internal API: may change without notice; users get it from {@code Ag2OpenAiClients}.
 */
public final class OpenAiClientTracing {

	/** {@link Operation#instrumentation()} of the SDK's calls. */
	public static final String INSTRUMENTATION = "openai";

	private static final Object NOT_HANDLED = new Object();

	private static final CreateApi<ChatCompletionCreateParams, ChatCompletion, ChatCompletionChunk> CHAT_COMPLETIONS =
			new CreateApi<>(ChatCompletionCreateParams.class, ChatCompletion.class, ChatCompletionServiceAsync.class,
					ChatCompletionReader::request, ChatCompletionReader::response, ChatCompletionReader::chunk,
					(params, fields) -> {
						ChatCompletionCreateParams.Builder builder = params.toBuilder();
						fields.forEach(builder::replaceAdditionalHeaders);
						return builder.build();
					});

	private static final CreateApi<ResponseCreateParams, Response, ResponseStreamEvent> RESPONSES = new CreateApi<>(
			ResponseCreateParams.class, Response.class, ResponseServiceAsync.class, ResponsesReader::request,
			ResponsesReader::response, ResponsesReader::event, (params, fields) -> {
				ResponseCreateParams.Builder builder = params.toBuilder();
				fields.forEach(builder::replaceAdditionalHeaders);
				return builder.build();
			});

	private final Ag2Operations operations;

	private final @Nullable HttpClientTracing httpTracing;

	private final boolean captureContent;

	private final InFlightCalls inFlight = new InFlightCalls();

	/**
	 * @param httpTracing the outbound tracing rules, or {@code null} when client propagation is off
	 */
	public OpenAiClientTracing(Ag2Operations operations, @Nullable HttpClientTracing httpTracing) {
		this.operations = operations;
		this.httpTracing = httpTracing;
		this.captureContent = operations.content().isEnabled();
	}

	/** {@code client}, traced; a client traced already is returned as it is. */
	public OpenAIClient wrap(OpenAIClient client) {
		if (isTraced(client)) {
			return client;
		}
		HttpClientTracing http = this.httpTracing;
		OpenAIClient onTracedTransport = (http != null) ? OpenAiTransport.install(client, http, this.inFlight)
				: client;
		return proxy(OpenAIClient.class, new ClientHandler(onTracedTransport, client, onTracedTransport != client));
	}

	/** {@code client}, traced; a client traced already is returned as it is. */
	public OpenAIClientAsync wrap(OpenAIClientAsync client) {
		if (isTraced(client)) {
			return client;
		}
		HttpClientTracing http = this.httpTracing;
		OpenAIClientAsync onTracedTransport = (http != null) ? OpenAiTransport.install(client, http, this.inFlight)
				: client;
		return proxy(OpenAIClientAsync.class,
				new ClientHandler(onTracedTransport, client, onTracedTransport != client));
	}

	/** Whether {@code client} is one this class traces. */
	public static boolean isTraced(Object client) {
		return Proxy.isProxyClass(client.getClass()) && Proxy.getInvocationHandler(client) instanceof Forwarding;
	}

	private static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
	}

	// --- the calls ---------------------------------------------------------------------------

	private @Nullable Operation start(Consumer<LlmCallDetails> request, boolean stream) {
		try {
			LlmCallDetails details = new LlmCallDetails();
			request.accept(details);
			if (stream) {
				details.setStream(true);
			}
			Operation operation = new Operation(Ag2SpanType.LLM, Context.current(), INSTRUMENTATION);
			operation.setKind(SpanKind.CLIENT);
			operation.setOperationName(Ag2SpanType.LLM.operationName());
			operation.setLlmDetails(details);
			return this.operations.start(operation) ? operation : null;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("starting an OpenAI SDK call", ex);
			return null;
		}
	}

	private <R> void read(Operation operation, @Nullable R result, TypedReader<R> reader) {
		LlmCallDetails details = operation.llmCall();
		if (result == null || details == null) {
			return;
		}
		try {
			synchronized (details) {
				reader.read(result, details, this.captureContent);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("reading the response of an OpenAI SDK call", ex);
		}
	}

	/**
	 * A blocking call: the span is current while the SDK sends the request and reads the answer.
	 * Without ag2's transport under the client, the params carry the trace headers.
	 */
	private <P, R> Object blocking(Operation operation, Method method, Object target, Object[] args,
			boolean onTracedTransport, CreateApi<P, R, ?> api) throws Throwable {
		Object result;
		try (Scope ignored = operation.context().makeCurrent()) {
			result = invoke(method, target, onTracedTransport ? args : withTraceHeaders(api, args, operation.context()));
		}
		catch (Throwable ex) {
			this.operations.end(operation, ex);
			throw ex;
		}
		read(operation, api.resultOf(result), api.response());
		this.operations.end(operation, null);
		return result;
	}

	/** A blocking stream: the span ends with the stream. */
	@SuppressWarnings("unchecked")
	private <P, C> Object streamed(Operation operation, Method method, Object target, Object[] args,
			boolean onTracedTransport, CreateApi<P, ?, C> api) throws Throwable {
		Object result;
		try (Scope ignored = operation.context().makeCurrent()) {
			result = invoke(method, target, onTracedTransport ? args : withTraceHeaders(api, args, operation.context()));
		}
		catch (Throwable ex) {
			this.operations.end(operation, ex);
			throw ex;
		}
		if (!(result instanceof StreamResponse<?> stream)) {
			this.operations.end(operation, null);
			return result;
		}
		return new TracedStreamResponse<>((StreamResponse<C>) stream,
				new LlmStreamWatcher<C>(this.operations, operation, api.chunk(), this.captureContent, () -> {
				}));
	}

	/**
	 * An asynchronous call: the SDK sends it from another thread, so its params carry the trace
	 * headers and the transport finds the call's context by them; the caller's future completes
	 * once the span has ended.
	 */
	private <P, R> Object async(Operation operation, Method method, Object target, Object[] args,
			CreateApi<P, R, ?> api) throws Throwable {
		Context context = operation.context();
		String key = this.inFlight.put(context);
		Object result;
		try (Scope ignored = context.makeCurrent()) {
			result = invoke(method, target, withTraceHeaders(api, args, context));
		}
		catch (Throwable ex) {
			this.inFlight.remove(key, context);
			this.operations.end(operation, ex);
			throw ex;
		}
		if (!(result instanceof CompletableFuture<?> future)) {
			this.inFlight.remove(key, context);
			this.operations.end(operation, null);
			return result;
		}
		return Futures.afterCallback(future, (value, failure) -> {
			try {
				Throwable cause = (failure != null) ? AsyncEndStrategies.unwrap(failure) : null;
				read(operation, api.resultOf(value), api.response());
				// a cancelled call is an error, as for every CompletionStage ag2 traces
				this.operations.end(operation, cause);
			}
			finally {
				this.inFlight.remove(key, context);
			}
		});
	}

	/** An asynchronous stream: the span ends with the stream, as its handler hears of it. */
	@SuppressWarnings("unchecked")
	private <P, C> Object asyncStreamed(Operation operation, Method method, Object target, Object[] args,
			CreateApi<P, ?, C> api) throws Throwable {
		Context context = operation.context();
		String key = this.inFlight.put(context);
		Object result;
		try (Scope ignored = context.makeCurrent()) {
			result = invoke(method, target, withTraceHeaders(api, args, context));
		}
		catch (Throwable ex) {
			this.inFlight.remove(key, context);
			this.operations.end(operation, ex);
			throw ex;
		}
		if (!(result instanceof AsyncStreamResponse<?> stream)) {
			this.inFlight.remove(key, context);
			this.operations.end(operation, null);
			return result;
		}
		return new TracedAsyncStreamResponse<>((AsyncStreamResponse<C>) stream, new LlmStreamWatcher<C>(
				this.operations, operation, api.chunk(), this.captureContent, () -> this.inFlight.remove(key, context)));
	}

	// The params with the trace headers of the call, for requests the SDK sends from another thread.
	private <P> Object[] withTraceHeaders(CreateApi<P, ?, ?> api, Object[] args, Context context) {
		HttpClientTracing http = this.httpTracing;
		if (http == null || args.length == 0) {
			return args;
		}
		try {
			Map<String, String> fields = http.fields(context);
			if (fields.isEmpty()) {
				return args;
			}
			Object[] copy = args.clone();
			copy[0] = api.withHeaders().apply(api.params().cast(args[0]), fields);
			return copy;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("adding the trace context to an OpenAI SDK call", ex);
			return args;
		}
	}

	private static Object invoke(Method method, Object target, @Nullable Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static boolean takes(Method method, Class<?> params) {
		Class<?>[] types = method.getParameterTypes();
		return types.length == 2 && types[0] == params && types[1] == RequestOptions.class;
	}

	/** Reads a typed result into the call's details. */
	@FunctionalInterface
	private interface TypedReader<R> {

		void read(R result, LlmCallDetails details, boolean captureContent);

	}

	// --- the proxies ---------------------------------------------------------------------------

	/**
	 * Forwards every call to the object it stands for, except those {@link #handle} takes; default
	 * methods run on the proxy, so that the SDK's convenience overloads reach the traced ones.
	 */
	private abstract static class Forwarding implements InvocationHandler {

		final Object delegate;

		/** Whether ag2's transport is under the client (else the params carry the trace headers). */
		final boolean onTracedTransport;

		Forwarding(Object delegate, boolean onTracedTransport) {
			this.delegate = delegate;
			this.onTracedTransport = onTracedTransport;
		}

		@Override
		public final @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			Object[] arguments = (args != null) ? args : new Object[0];
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == arguments[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "toString" -> "traced " + this.delegate;
					default -> OpenAiClientTracing.invoke(method, this.delegate, args);
				};
			}
			if (method.isDefault()) {
				return InvocationHandler.invokeDefault(proxy, method, args);
			}
			Object handled = handle(method, arguments);
			return (handled != NOT_HANDLED) ? handled : OpenAiClientTracing.invoke(method, this.delegate, args);
		}

		/** The result of {@code method} when this handler takes it, else {@link #NOT_HANDLED}. */
		abstract @Nullable Object handle(Method method, Object[] args) throws Throwable;

	}

	/** {@code OpenAIClient} and {@code OpenAIClientAsync}. */
	private final class ClientHandler extends Forwarding {

		private final Object owner;

		private volatile @Nullable Object chat;

		private volatile @Nullable Object responses;

		/**
		 * @param delegate the client on the traced transport
		 * @param owner the client that was wrapped, which owns (and closes) the transport
		 */
		ClientHandler(Object delegate, Object owner, boolean onTracedTransport) {
			super(delegate, onTracedTransport);
			this.owner = owner;
		}

		@Override
		@Nullable Object handle(Method method, Object[] args) throws Throwable {
			if (args.length == 0) {
				switch (method.getName()) {
					case "chat" -> {
						Object service = this.chat;
						if (service == null) {
							service = proxy(method.getReturnType(),
									new ChatHandler(OpenAiClientTracing.invoke(method, this.delegate, args), this.onTracedTransport));
							this.chat = service;
						}
						return service;
					}
					case "responses" -> {
						Object service = this.responses;
						if (service == null) {
							service = proxy(method.getReturnType(), new CreateHandler<>(RESPONSES,
									OpenAiClientTracing.invoke(method, this.delegate, args), this.onTracedTransport));
							this.responses = service;
						}
						return service;
					}
					case "async", "sync" -> {
						// the owner's counterpart shares its options, transport and executors
						return proxy(method.getReturnType(),
								new ClientHandler(OpenAiClientTracing.invoke(method, this.delegate, args),
										OpenAiClientTracing.invoke(method, this.owner, args), this.onTracedTransport));
					}
					case "close" -> {
						return OpenAiClientTracing.invoke(method, this.owner, args);
					}
					default -> {
						return NOT_HANDLED;
					}
				}
			}
			if (method.getName().equals("withOptions")) {
				return proxy(method.getReturnType(), new ClientHandler(
						OpenAiClientTracing.invoke(method, this.delegate, args), this.owner, this.onTracedTransport));
			}
			return NOT_HANDLED;
		}

	}

	/** {@code ChatService} and {@code ChatServiceAsync}. */
	private final class ChatHandler extends Forwarding {

		private volatile @Nullable Object completions;

		ChatHandler(Object delegate, boolean onTracedTransport) {
			super(delegate, onTracedTransport);
		}

		@Override
		@Nullable Object handle(Method method, Object[] args) throws Throwable {
			if (args.length == 0 && method.getName().equals("completions")) {
				Object service = this.completions;
				if (service == null) {
					service = proxy(method.getReturnType(), new CreateHandler<>(CHAT_COMPLETIONS,
							OpenAiClientTracing.invoke(method, this.delegate, args), this.onTracedTransport));
					this.completions = service;
				}
				return service;
			}
			if (method.getName().equals("withOptions")) {
				return proxy(method.getReturnType(),
						new ChatHandler(OpenAiClientTracing.invoke(method, this.delegate, args), this.onTracedTransport));
			}
			return NOT_HANDLED;
		}

	}

	/**
	 * {@code ChatCompletionService(Async)} and {@code ResponseService(Async)}: their
	 * {@code create} and {@code createStreaming}, read as {@code api} says.
	 */
	private final class CreateHandler<P, R, C> extends Forwarding {

		private final CreateApi<P, R, C> api;

		private final boolean async;

		CreateHandler(CreateApi<P, R, C> api, Object delegate, boolean onTracedTransport) {
			super(delegate, onTracedTransport);
			this.api = api;
			this.async = api.asyncService().isInstance(delegate);
		}

		@Override
		@Nullable Object handle(Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if (name.equals("withOptions")) {
				return proxy(method.getReturnType(), new CreateHandler<>(this.api,
						OpenAiClientTracing.invoke(method, this.delegate, args), this.onTracedTransport));
			}
			boolean create = name.equals("create");
			if (!(create || name.equals("createStreaming")) || !takes(method, this.api.params())) {
				return NOT_HANDLED;
			}
			P params = this.api.params().cast(args[0]);
			Operation operation = start((details) -> this.api.request().read(params, details, captureContent), !create);
			if (operation == null) {
				return OpenAiClientTracing.invoke(method, this.delegate, args);
			}
			if (this.async) {
				return create ? async(operation, method, this.delegate, args, this.api)
						: asyncStreamed(operation, method, this.delegate, args, this.api);
			}
			return create ? blocking(operation, method, this.delegate, args, this.onTracedTransport, this.api)
					: streamed(operation, method, this.delegate, args, this.onTracedTransport, this.api);
		}

	}

	/**
	 * What differs between the SDK's two create APIs: the params, result and stream element types,
	 * the asynchronous service's type, how each is read, and how trace headers go into the params.
	 */
	private record CreateApi<P, R, C>(Class<P> params, Class<R> result, Class<?> asyncService,
			TypedReader<P> request, TypedReader<R> response, BiConsumer<C, LlmStreamAggregator> chunk,
			BiFunction<P, Map<String, String>, P> withHeaders) {

		@Nullable R resultOf(@Nullable Object value) {
			return this.result.isInstance(value) ? this.result.cast(value) : null;
		}

	}

}
