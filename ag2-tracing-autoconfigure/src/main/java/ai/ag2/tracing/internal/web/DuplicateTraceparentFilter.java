package ai.ag2.tracing.internal.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import ai.ag2.tracing.internal.InstrumentationFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides the trace context of a request that carries {@code traceparent} more than once, so that
 * every component that extracts it (Micrometer's HTTP server observation, the OpenTelemetry
 * starter's filter, {@link A2aExecutionFilter}) starts a fresh trace, as W3C Trace Context
 * requires; those components read only the first of the repeated headers. It runs before them
 * and wraps only such requests; every other request passes through untouched.
 * <p>
 * Internal API: may change without notice.
 */
public final class DuplicateTraceparentFilter extends OncePerRequestFilter {

	private static final String TRACESTATE = "tracestate";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(withoutRepeatedTraceparent(request), response);
	}

	private static HttpServletRequest withoutRepeatedTraceparent(HttpServletRequest request) {
		try {
			return HttpServletRequestGetter.hasRepeatedTraceparent(request) ? new WithoutTraceContext(request)
					: request;
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Reading the traceparent headers of an inbound request", ex);
			return request;
		}
	}

	private static boolean isTraceContextHeader(@Nullable String name) {
		return HttpServletRequestGetter.TRACEPARENT.equalsIgnoreCase(name) || TRACESTATE.equalsIgnoreCase(name);
	}

	/** The request without its {@code traceparent} and {@code tracestate} headers. */
	private static final class WithoutTraceContext extends HttpServletRequestWrapper {

		WithoutTraceContext(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isTraceContextHeader(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isTraceContextHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(DuplicateTraceparentFilter::isTraceContextHeader);
			return Collections.enumeration(names);
		}

	}

}
