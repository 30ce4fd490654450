package ai.ag2.tracing.internal.web;

import java.io.IOException;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.context.Ag2Frame;
import ai.ag2.tracing.internal.InstrumentationFailures;
import ai.ag2.tracing.internal.SpanOutcome;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the {@code a2a-execution} span of an inbound request, so that the agent spans of the
 * request continue the caller's trace.
 * <p>
 * When no span is current yet, the filter extracts the caller's context with the
 * {@link OpenTelemetry} bean's propagators and opens a SERVER span under it. When another
 * component has already opened the request's server span (Micrometer's HTTP server
 * observation, the OpenTelemetry starter's filter), a local span is current: the filter then
 * opens an INTERNAL span under it, so that each request still has exactly one SERVER span.
 * <p>
 * The span ends when the response is complete: at once for a synchronous request, in an
 * {@link AsyncListener} for an asynchronous one. A failure of the instrumentation never reaches
 * the request: the request is then served without the span.
 * <p>
 * Internal API: may change without notice.
 */
public final class A2aExecutionFilter extends OncePerRequestFilter {

	private final OpenTelemetry openTelemetry;

	private final Tracer tracer;

	public A2aExecutionFilter(OpenTelemetry openTelemetry, Tracer tracer) {
		this.openTelemetry = openTelemetry;
		this.tracer = tracer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Context context = start(request);
		if (context == null) {
			chain.doFilter(request, response);
			return;
		}
		Span span = Span.fromContext(context);
		Throwable failure = null;
		try (Scope scope = context.makeCurrent()) {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			failure = unwrap(ex);
			throw ex;
		}
		finally {
			if (failure == null && request.isAsyncStarted()) {
				endWhenAsyncCompletes(request, response, span);
			}
			else {
				end(span, response, failure);
			}
		}
	}

	private @Nullable Context start(HttpServletRequest request) {
		try {
			Context parent = Context.current();
			SpanContext current = Span.fromContext(parent).getSpanContext();
			boolean serverSpanExists = current.isValid() && !current.isRemote();
			Context extracted = this.openTelemetry.getPropagators()
				.getTextMapPropagator()
				.extract(parent, request, HttpServletRequestGetter.INSTANCE);
			if (!serverSpanExists) {
				parent = extracted;
			}
			else if (Baggage.fromContextOrNull(parent) == null && Baggage.fromContextOrNull(extracted) != null) {
				// the server span's owner may not carry the caller's baggage into its context
				parent = parent.with(Baggage.fromContext(extracted));
			}
			Span span = this.tracer.spanBuilder(Ag2Attributes.SPAN_A2A_EXECUTION)
				.setParent(parent)
				.setSpanKind(serverSpanExists ? SpanKind.INTERNAL : SpanKind.SERVER)
				.setAttribute(Ag2Attributes.AG2_SPAN_TYPE, Ag2SpanType.A2A_EXECUTION.value())
				.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, request.getMethod())
				.setAttribute(UrlAttributes.URL_PATH, request.getRequestURI())
				.startSpan();
			Ag2Frame frame = new Ag2Frame(Ag2SpanType.A2A_EXECUTION, span, null, null, null, false, null);
			return frame.storeIn(parent.with(span));
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Opening the a2a-execution span of an inbound request", ex);
			return null;
		}
	}

	private static void endWhenAsyncCompletes(HttpServletRequest request, HttpServletResponse response, Span span) {
		try {
			request.getAsyncContext().addListener(new EndOnCompletion(span), request, response);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Waiting for an asynchronous request to complete", ex);
			endAsync(span, response, null);
		}
	}

	/** The handler's exception, which the dispatcher servlet wraps in a {@link ServletException}. */
	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof ServletException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	static void end(Span span, HttpServletResponse response, @Nullable Throwable failure) {
		try {
			int status = response.getStatus();
			if (failure != null) {
				// the container answers 500 to an exception that leaves the filter chain
				status = (status >= 400) ? status : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
				SpanOutcome.recordFailure(span, failure);
			}
			else {
				recordServerError(span, status);
			}
			span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Recording the outcome of an inbound request", ex);
		}
		finally {
			SpanOutcome.end(span);
		}
	}

	/**
	 * End the span of an asynchronous request with the status actually sent: the response is
	 * complete, so a timeout or error has been answered by then, by the application (a
	 * {@code DeferredResult}'s timeout result) or by Spring MVC (503 for an unanswered timeout).
	 */
	static void endAsync(Span span, HttpServletResponse response, @Nullable Throwable error) {
		try {
			int status = response.getStatus();
			span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
			if (recordServerError(span, status) && error != null) {
				span.recordException(error);
			}
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Recording the outcome of an inbound request", ex);
		}
		finally {
			SpanOutcome.end(span);
		}
	}

	/** Only a 5xx response is the server's error; {@code error.type} is then the status code. */
	private static boolean recordServerError(Span span, int status) {
		if (status < 500) {
			return false;
		}
		span.setStatus(StatusCode.ERROR);
		span.setAttribute(ErrorAttributes.ERROR_TYPE, String.valueOf(status));
		return true;
	}

	/** Ends the span when an asynchronous request completes, after an error or timeout too. */
	private static final class EndOnCompletion implements AsyncListener {

		private final Span span;

		private volatile @Nullable Throwable error;

		EndOnCompletion(Span span) {
			this.span = span;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			endAsync(this.span, (HttpServletResponse) event.getSuppliedResponse(), this.error);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// not an outcome yet: the application or Spring MVC answers it before the request completes
		}

		@Override
		public void onError(AsyncEvent event) {
			Throwable throwable = event.getThrowable();
			if (throwable != null) {
				this.error = throwable;
			}
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// a restarted asynchronous cycle forgets its listeners
			event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
		}

	}

}
