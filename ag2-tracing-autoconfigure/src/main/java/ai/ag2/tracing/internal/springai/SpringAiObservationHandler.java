package ai.ag2.tracing.internal.springai;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.LlmCallDetails;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.ProviderNames;
import ai.ag2.tracing.internal.content.ContentCapture;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.context.MicrometerBridgeContext;
import ai.ag2.tracing.internal.context.SpanKey;
import ai.ag2.tracing.internal.operation.Ag2Operations;
import ai.ag2.tracing.internal.operation.Operation;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Spring AI's chat-model ({@code chat {model}}) and tool-calling ({@code execute_tool {tool}})
 * observations as ag2's LLM and tool operations. Registered as a Micrometer tracing handler ahead
 * of Micrometer's default one (Spring Boot runs the first tracing handler that supports an
 * observation), it makes the one span of each observation itself: a CLIENT span for a model call,
 * as the GenAI conventions say (Micrometer's default handler makes every span INTERNAL), adopted
 * by {@link Ag2Operations} so that it carries ag2's attributes, frame, roll-ups and listeners.
 * Usage, finish reasons and request parameters are written with the types of the conventions
 * (integers, string arrays) instead of the strings Micrometer writes; the other key values of the
 * observation are tagged as Micrometer would. While the observation's scope is open the span, its
 * ag2 frame and its {@link SpanKey} are current, so ag2's {@code @Tool} on a Spring AI tool method
 * adds to this span instead of opening a second one. A model call observed inside ag2's own
 * {@code @LlmClient} call (directly, or through a {@code ChatClient} and its advisors) makes no
 * span: its details go to that call's span, usage summed over the model calls.
 * <p>
 * Internal API: may change without notice.
 */
public final class SpringAiObservationHandler implements TracingObservationHandler<Observation.Context> {

	/** {@link Operation#instrumentation()} of the operations this integration adopts. */
	public static final String INSTRUMENTATION = "spring-ai";

	// Written by ag2 with the types of the conventions; Micrometer would write them as strings
	private static final Set<String> CHAT_TYPED_KEYS = Set.of("error", "gen_ai.operation.name",
			"gen_ai.request.model", "gen_ai.response.model", "gen_ai.request.frequency_penalty",
			"gen_ai.request.max_tokens", "gen_ai.request.presence_penalty", "gen_ai.request.stop_sequences",
			"gen_ai.request.stream", "gen_ai.request.temperature", "gen_ai.request.top_k", "gen_ai.request.top_p",
			"gen_ai.response.finish_reasons", "gen_ai.response.id", "gen_ai.usage.cache_creation.input_tokens",
			"gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
			"gen_ai.usage.total_tokens");

	private static final Set<String> TOOL_TYPED_KEYS = Set.of("error", "gen_ai.operation.name");

	private final Tracer tracer;

	private final Ag2Operations operations;

	private final SpringAiExtractor extractor;

	private final StreamedChatCalls streams;

	public SpringAiObservationHandler(Tracer tracer, Ag2Operations operations, StreamedChatCalls streams) {
		this.tracer = tracer;
		this.operations = operations;
		this.extractor = new SpringAiExtractor(operations.content().isEnabled());
		this.streams = streams;
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext
				|| StreamedChatCalls.isAg2Advisor(context);
	}

	@Override
	public void onStart(Observation.Context context) {
		Observed observed = null;
		try {
			if (context instanceof ChatModelObservationContext chat) {
				observed = startChat(chat);
			}
			else if (context instanceof ToolCallingObservationContext tool) {
				observed = startTool(tool);
			}
			else {
				observed = passThrough(context);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("adopting a Spring AI observation", ex);
		}
		if (observed == null) {
			startAsMicrometerWould(context);
			return;
		}
		context.put(Observed.class, observed);
		ObservedContexts.store(context, observed.context);
		getTracingContext(context).setSpan(OtelSpan.fromOtel(observed.span, observed.context));
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		Observed observed = context.get(Observed.class);
		if (observed == null) {
			TracingObservationHandler.super.onScopeOpened(context);
			return;
		}
		observed.openScope();
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		Observed observed = context.get(Observed.class);
		if (observed == null) {
			TracingObservationHandler.super.onScopeClosed(context);
			return;
		}
		observed.closeScope();
	}

	@Override
	@SuppressWarnings("deprecation")
	public void onScopeReset(Observation.Context context) {
		Observed observed = context.get(Observed.class);
		if (observed == null) {
			TracingObservationHandler.super.onScopeReset(context);
			return;
		}
		observed.closeScopesOfThisThread();
	}

	@Override
	public void onError(Observation.Context context) {
		// ag2 records the failure once, when the operation ends
		if (context.get(Observed.class) == null) {
			TracingObservationHandler.super.onError(context);
		}
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		Observed observed = context.get(Observed.class);
		if (observed == null || !observed.ownsSpan) {
			if (observed == null) {
				TracingObservationHandler.super.onEvent(event, context);
			}
			return;
		}
		if (event.getWallTime() == 0) {
			observed.span.addEvent(event.getContextualName());
		}
		else {
			observed.span.addEvent(event.getContextualName(), event.getWallTime(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Observed observed = context.get(Observed.class);
		if (observed == null) {
			stopAsMicrometerWould(context);
			return;
		}
		if (observed instanceof Chat chat && chat.call != null) {
			// ends with the stream ag2's advisor watches: when that ends, before the caller hears of it
			return;
		}
		observed.stop(context);
	}

	private @Nullable Observed startChat(ChatModelObservationContext observation) {
		Context parent = parentContext(observation);
		LlmCallDetails details = new LlmCallDetails();
		details.setProviderName(observation.getOperationMetadata().provider());
		if (observation.isStreaming()) {
			details.setStream(true);
		}
		this.extractor.extractRequest(observation.getRequest(), details);
		StreamedChatCall call = observation.isStreaming() ? this.streams.claimSubscribing() : null;
		Ag2Frame outer = outerLlmCall(parent);
		if (outer != null) {
			// ag2's @LlmClient stands for this call: no second span, the details go to it
			Chat chat = new Chat(null, outer.span(), MicrometerBridgeContext.withOpenTelemetrySpanCurrent(parent), false,
					details, outer.llmDetails(), call);
			if (call != null) {
				call.bind(chat.span, chat.context, details, () -> chat.stop(observation));
			}
			return chat;
		}
		String operationName = observation.getOperationMetadata().operationType();
		// Spring AI's contextual name, which Micrometer applies only when the observation stops
		String model = details.getRequestModel();
		String name = startName(observation, (model != null && !model.isEmpty()) ? operationName + ' ' + model
				: operationName);
		SpanBuilder builder = this.operations.tracer()
			.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.LLM.value())
			.setAttribute(Ag2Attributes.GEN_AI_OPERATION_NAME, operationName);
		String provider = ProviderNames.normalize(details.getProviderName());
		if (provider != null) {
			builder.setAttribute(Ag2Attributes.GEN_AI_PROVIDER_NAME, provider);
		}
		if (details.getRequestModel() != null) {
			builder.setAttribute(Ag2Attributes.GEN_AI_REQUEST_MODEL, details.getRequestModel());
		}
		Span span = builder.startSpan();
		try {
			Operation operation = new Operation(Ag2SpanType.LLM, parent, INSTRUMENTATION);
			operation.setKind(SpanKind.CLIENT);
			operation.setSpanName(name);
			operation.setOperationName(operationName);
			operation.setLlmDetails(details);
			Context context = adopt(operation, span, parent);
			Chat chat = new Chat(operation.isStarted() ? operation : null, span, context, true, details, null, call);
			if (call != null) {
				call.bind(span, context, details, () -> chat.stop(observation));
			}
			return chat;
		}
		catch (Throwable ex) {
			// the observation falls back to Micrometer's own span: this one must not stay open
			span.end();
			throw ex;
		}
	}

	private @Nullable Observed startTool(ToolCallingObservationContext observation) {
		Context parent = parentContext(observation);
		ToolDefinition definition = observation.getToolDefinition();
		String toolName = definition.name();
		Operation operation = new Operation(Ag2SpanType.TOOL, parent, INSTRUMENTATION);
		operation.setSpanName(startName(observation, Ag2Attributes.SPAN_EXECUTE_TOOL + ' ' + toolName));
		operation.setOperationName(observation.getOperationMetadata().operationType());
		operation.setToolName(toolName);
		operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_NAME, toolName);
		operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_TYPE, observation.getToolType());
		operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_DESCRIPTION, definition.description());
		operation.setIfPresent(Ag2Attributes.GEN_AI_TOOL_CALL_ID, observation.getToolCallId());
		ContentCapture content = this.operations.content();
		if (content.isEnabled()) {
			operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_ARGUMENTS,
					ToolContent.arguments(observation.getToolCallArguments(), content));
		}
		if (SpanKey.TOOL.openByOther(parent, INSTRUMENTATION) != null) {
			// ag2's @Tool around Spring AI's tool call: its span stands and gets these attributes
			if (!this.operations.start(operation)) {
				return null;
			}
			return new Tool(operation, operation.span(), operation.context(), false);
		}
		Span span = this.operations.tracer()
			.spanBuilder(operation.spanName())
			.setParent(parent)
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.TOOL.value())
			.startSpan();
		try {
			Context context = adopt(operation, span, parent);
			return new Tool(operation.isStarted() ? operation : null, span, context, true);
		}
		catch (Throwable ex) {
			span.end();
			throw ex;
		}
	}

	/**
	 * The LLM call of another instrumentation (ag2's {@code @LlmClient}) that this model call is
	 * part of: the nearest ag2 frame is that call's, with only framework spans (a
	 * {@code ChatClient}, its advisors) in between, which push no frame. A tool or agent span in
	 * between makes the model call one of its own.
	 */
	private static @Nullable Ag2Frame outerLlmCall(Context parent) {
		Ag2Frame frame = Ag2Frame.from(parent);
		if (frame == null || frame.type() != Ag2SpanType.LLM || frame.llmDetails() == null) {
			return null;
		}
		boolean ours = frame.operation() instanceof Operation operation
				&& INSTRUMENTATION.equals(operation.instrumentation());
		return ours ? null : frame;
	}

	// A span ag2 makes for nothing: the observation of its own ChatClient advisor stands for its parent
	private Observed passThrough(Observation.Context observation) {
		Context parent = parentContext(observation);
		return new PassThrough(Span.fromContext(parent), MicrometerBridgeContext.withOpenTelemetrySpanCurrent(parent));
	}

	private Context adopt(Operation operation, Span span, Context parent) {
		Context spanContext = MicrometerBridgeContext.withOpenTelemetrySpanCurrent(parent.with(span));
		return this.operations.adopt(operation, span, spanContext) ? operation.context() : spanContext;
	}

	/**
	 * The context the observation's span starts in: as Micrometer chooses the parent (the current
	 * span, else the parent observation's span), with the ag2 frame of that parent.
	 */
	private Context parentContext(Observation.Context observation) {
		Context current = Context.current();
		io.micrometer.tracing.Span parent = getParentSpan(observation);
		if (!(parent instanceof OtelSpan)) {
			return current;
		}
		Span otelParent = OtelSpan.toOtel(parent);
		if (Span.fromContext(current).getSpanContext().equals(otelParent.getSpanContext())) {
			return current;
		}
		Context stored = ObservedContexts.nearest(observation);
		return ((stored != null) ? stored : Context.root()).with(otelParent);
	}

	private static String startName(Observation.Context observation, String spanName) {
		String contextual = observation.getContextualName();
		return (contextual != null && !contextual.isBlank()) ? contextual : spanName;
	}

	private void startAsMicrometerWould(Observation.Context context) {
		io.micrometer.tracing.Span parent = getParentSpan(context);
		io.micrometer.tracing.Span child = (parent != null) ? this.tracer.nextSpan(parent) : this.tracer.nextSpan();
		child.start();
		getTracingContext(context).setSpan(child);
	}

	private void stopAsMicrometerWould(Observation.Context context) {
		io.micrometer.tracing.Span span = getTracingContext(context).getSpan();
		if (span == null) {
			return;
		}
		span.name(getSpanName(context));
		tagSpan(context, span);
		endSpan(context, span);
	}

	// The key values ag2 does not write itself, as Micrometer's default handler tags them.
	private static void tagOthers(Observation.Context context, Span span, Set<String> typed) {
		for (KeyValue keyValue : context.getAllKeyValues()) {
			if (!typed.contains(keyValue.getKey())) {
				span.setAttribute(keyValue.getKey(), keyValue.getValue());
			}
		}
	}

	/** One adopted observation: its span, the context to make current in its scopes. */
	private abstract static class Observed {

		final Span span;

		final Context context;

		final boolean ownsSpan;

		private final Map<Thread, Deque<Scope>> scopes = new ConcurrentHashMap<>();

		private final AtomicBoolean stopped = new AtomicBoolean();

		Observed(Span span, Context context, boolean ownsSpan) {
			this.span = span;
			this.context = context;
			this.ownsSpan = ownsSpan;
		}

		void openScope() {
			this.scopes.computeIfAbsent(Thread.currentThread(), (thread) -> new ArrayDeque<>())
				.push(this.context.makeCurrent());
		}

		void closeScope() {
			Deque<Scope> opened = this.scopes.get(Thread.currentThread());
			Scope scope = (opened != null) ? opened.poll() : null;
			if (scope != null) {
				scope.close();
			}
			if (opened != null && opened.isEmpty()) {
				this.scopes.remove(Thread.currentThread());
			}
		}

		void closeScopesOfThisThread() {
			Deque<Scope> opened = this.scopes.remove(Thread.currentThread());
			while (opened != null && !opened.isEmpty()) {
				opened.poll().close();
			}
		}

		/** Record the outcome and end the span (if it is this observation's own), on every path; once. */
		final void stop(Observation.Context context) {
			if (!this.stopped.compareAndSet(false, true)) {
				return;
			}
			try {
				finish(context);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("ending an adopted Spring AI observation", ex);
			}
			finally {
				if (this.ownsSpan) {
					this.span.end();
				}
			}
		}

		abstract void finish(Observation.Context context);

		// Spring AI's contextual name, once Micrometer has applied it (a streamed call may end first)
		void updateName(Observation.Context observation) {
			String contextual = observation.getContextualName();
			if (contextual != null && !contextual.isBlank()) {
				this.span.updateName(contextual);
			}
		}

	}

	private final class Chat extends Observed {

		private final @Nullable Operation operation;

		private final LlmCallDetails details;

		private final @Nullable LlmCallDetails outerDetails;

		private final @Nullable StreamedChatCall call;

		Chat(@Nullable Operation operation, Span span, Context context, boolean ownsSpan, LlmCallDetails details,
				@Nullable LlmCallDetails outerDetails, @Nullable StreamedChatCall call) {
			super(span, context, ownsSpan);
			this.operation = operation;
			this.details = details;
			this.outerDetails = outerDetails;
			this.call = call;
		}

		@Override
		void finish(Observation.Context observation) {
			ChatModelObservationContext chat = (ChatModelObservationContext) observation;
			ChatResponse response = chat.getResponse();
			synchronized (this.details) {
				if (response != null) {
					SpringAiObservationHandler.this.extractor.extractResponse(response, this.details);
				}
				if (this.call != null) {
					// the aggregated response of a stream lacks what only the chunks carried (cached tokens)
					this.call.fillMissingUsage(this.details);
				}
			}
			Operation operation = this.operation;
			if (this.call != null && operation != null && this.call.firstChunkNanos() >= 0) {
				operation.chunkArrived(this.call.firstChunkNanos());
			}
			if (!this.ownsSpan) {
				if (this.outerDetails != null) {
					LlmCallMerge.into(this.outerDetails, this.details);
				}
				return;
			}
			if (operation != null) {
				SpringAiObservationHandler.this.operations.end(operation, observation.getError());
			}
			else if (observation.getError() != null) {
				this.span.recordException(observation.getError());
			}
			tagOthers(observation, this.span, (operation != null) ? CHAT_TYPED_KEYS : Set.of("error"));
			if (operation != null) {
				ChatOptions options = chat.getRequest().getOptions();
				if (options != null && options.getTopK() != null) {
					this.span.setAttribute(Ag2Attributes.GEN_AI_REQUEST_TOP_K, options.getTopK().doubleValue());
				}
				Usage usage = (response != null && response.getMetadata() != null) ? response.getMetadata().getUsage()
						: null;
				if (usage != null && !(usage instanceof EmptyUsage) && usage.getTotalTokens() != null) {
					this.span.setAttribute(Ag2Attributes.GEN_AI_USAGE_TOTAL_TOKENS, usage.getTotalTokens().longValue());
				}
			}
			updateName(observation);
		}

	}

	private final class Tool extends Observed {

		private final @Nullable Operation operation;

		Tool(@Nullable Operation operation, Span span, Context context, boolean ownsSpan) {
			super(span, context, ownsSpan);
			this.operation = operation;
		}

		@Override
		void finish(Observation.Context observation) {
			ToolCallingObservationContext tool = (ToolCallingObservationContext) observation;
			Operation operation = this.operation;
			ContentCapture content = SpringAiObservationHandler.this.operations.content();
			if (operation != null && content.isEnabled() && tool.getToolCallResult() != null) {
				operation.setAttribute(Ag2Attributes.GEN_AI_TOOL_CALL_RESULT,
						ToolContent.result(tool.getToolCallResult(), content));
			}
			if (operation != null) {
				SpringAiObservationHandler.this.operations.end(operation, observation.getError());
			}
			else if (observation.getError() != null && this.ownsSpan) {
				this.span.recordException(observation.getError());
			}
			if (this.ownsSpan) {
				tagOthers(observation, this.span, (operation != null) ? TOOL_TYPED_KEYS : Set.of("error"));
				updateName(observation);
			}
		}

	}

	private static final class PassThrough extends Observed {

		PassThrough(Span span, Context context) {
			super(span, context, false);
		}

		@Override
		void finish(Observation.Context context) {
		}

	}

}
