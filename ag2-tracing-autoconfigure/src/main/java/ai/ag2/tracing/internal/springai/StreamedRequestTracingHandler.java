package ai.ag2.tracing.internal.springai;

import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.context.Context;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer's OkHttp observation of a streamed Spring AI call's request, which the OpenAI SDK
 * sends from the common pool where neither the trace nor the observation is current (so
 * Micrometer alone starts a new trace for it): the client span and {@code traceparent} are made as
 * Micrometer's sender handler makes them, under the span of the call named by the request's
 * internal header, which is removed before the request is sent. Requests without that header are
 * left to Micrometer.
 * <p>
 * Internal API: may change without notice.
 */
public final class StreamedRequestTracingHandler extends PropagatingSenderTracingObservationHandler<SenderContext> {

	private final StreamedChatCalls calls;

	public StreamedRequestTracingHandler(Tracer tracer, Propagator propagator, StreamedChatCalls calls) {
		super(tracer, propagator);
		this.calls = calls;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return call(context) != null;
	}

	@Override
	public void onStart(SenderContext context) {
		StreamedChatCall call = call(context);
		if (call != null && context instanceof OkHttpContext okHttp) {
			context.put(StreamedChatCall.class, call);
			okHttp.getCarrier().removeHeader(StreamedChatCalls.HEADER);
			HttpUrl url = okHttp.getOriginalRequest().url();
			call.recordServer(url.host(), url.port());
		}
		super.onStart(context);
	}

	@Override
	public @Nullable Span getParentSpan(Observation.ContextView context) {
		StreamedChatCall call = call(context);
		io.opentelemetry.api.trace.Span span = (call != null) ? call.span() : null;
		Context spanContext = (call != null) ? call.context() : null;
		if (span == null || spanContext == null) {
			return super.getParentSpan(context);
		}
		return OtelSpan.fromOtel(span, spanContext);
	}

	private @Nullable StreamedChatCall call(Observation.ContextView context) {
		StreamedChatCall known = context.get(StreamedChatCall.class);
		if (known != null) {
			return known;
		}
		if (!(context instanceof OkHttpContext okHttp)) {
			return null;
		}
		return this.calls.open(okHttp.getOriginalRequest().header(StreamedChatCalls.HEADER));
	}

}
