package ai.ag2.tracing.internal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ai.ag2.tracing.internal.InstrumentationFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the propagation headers of an inbound request in the shape W3C Trace Context and the
 * application's baggage policy ask for, before any component extracts them (Micrometer's HTTP
 * server observation, the OpenTelemetry starter's filter, {@link A2aExecutionFilter}), so that
 * every stack continues the caller's trace the same way:
 * <ul>
 * <li>a request with more than one {@code traceparent} line loses {@code traceparent} and
 * {@code tracestate}, and starts a fresh trace (the extractors would read only the first);</li>
 * <li>the {@code tracestate} lines become one line, checked and cut as {@link TraceStateHeader}
 * says, or none when the list is invalid (the extractors would read only the first line, and
 * drop a list with a duplicated key or an empty member);</li>
 * <li>baggage entries that the {@link InboundBaggagePolicy} does not accept are removed, so no
 * tracer and no outbound call carries them.</li>
 * </ul>
 * A request whose headers need no change passes through unwrapped. Nothing is logged per
 * request; a failure here is reported once and the request passes through as it came.
 * <p>
 * Internal API: may change without notice.
 */
public final class PropagationHeadersFilter extends OncePerRequestFilter {

	private static final String TRACESTATE = "tracestate";

	private final InboundBaggagePolicy baggage;

	public PropagationHeadersFilter(InboundBaggagePolicy baggage) {
		this.baggage = baggage;
	}

	/** The policy that decides which inbound baggage entries are kept. */
	public InboundBaggagePolicy baggagePolicy() {
		return this.baggage;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(withCleanHeaders(request), response);
	}

	// Asynchronous and error dispatches read the headers again.
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private HttpServletRequest withCleanHeaders(HttpServletRequest request) {
		if (request instanceof CleanHeaders) {
			return request;
		}
		try {
			Map<String, List<String>> replaced = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			cleanTraceContext(request, replaced);
			if (!this.baggage.acceptsAll()) {
				cleanBaggage(request, replaced);
			}
			return replaced.isEmpty() ? request : new CleanHeaders(request, replaced);
		}
		catch (Throwable ex) {
			InstrumentationFailures.report("Checking the propagation headers of an inbound request", ex);
			return request;
		}
	}

	private static void cleanTraceContext(HttpServletRequest request, Map<String, List<String>> replaced) {
		List<String> traceparents = HttpServletRequestGetter.values(request, HttpServletRequestGetter.TRACEPARENT);
		List<String> tracestates = HttpServletRequestGetter.values(request, TRACESTATE);
		if (traceparents.size() > 1) {
			replaced.put(HttpServletRequestGetter.TRACEPARENT, List.of());
			replaced.put(TRACESTATE, List.of());
			return;
		}
		if (tracestates.isEmpty()) {
			return;
		}
		// "If the vendor failed to parse traceparent, it MUST NOT attempt to parse tracestate"
		String combined = traceparents.isEmpty() ? null : TraceStateHeader.combine(tracestates);
		replaceIfChanged(replaced, TRACESTATE, tracestates, combined);
	}

	private void cleanBaggage(HttpServletRequest request, Map<String, List<String>> replaced) {
		List<String> lines = HttpServletRequestGetter.values(request, InboundBaggagePolicy.BAGGAGE);
		if (!lines.isEmpty()) {
			replaceIfChanged(replaced, InboundBaggagePolicy.BAGGAGE, lines, this.baggage.acceptedMembers(lines));
		}
		Enumeration<String> names = request.getHeaderNames();
		while (names != null && names.hasMoreElements()) {
			String name = names.nextElement();
			if (this.baggage.refusesHeader(name)) {
				replaced.put(name, List.of());
			}
		}
	}

	private static void replaceIfChanged(Map<String, List<String>> replaced, String name, List<String> lines,
			@Nullable String value) {
		if (value == null) {
			replaced.put(name, List.of());
		}
		else if (lines.size() != 1 || !lines.get(0).equals(value)) {
			replaced.put(name, List.of(value));
		}
	}

	/** The request with some headers replaced (an empty list hides the header). */
	private static final class CleanHeaders extends HttpServletRequestWrapper {

		private final Map<String, List<String>> replaced;

		CleanHeaders(HttpServletRequest request, Map<String, List<String>> replaced) {
			super(request);
			this.replaced = replaced;
		}

		@Override
		public @Nullable String getHeader(String name) {
			List<String> values = this.replaced.get(name);
			if (values == null) {
				return super.getHeader(name);
			}
			return values.isEmpty() ? null : values.get(0);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			List<String> values = this.replaced.get(name);
			return (values != null) ? Collections.enumeration(values) : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>();
			Enumeration<String> original = super.getHeaderNames();
			while (original != null && original.hasMoreElements()) {
				String name = original.nextElement();
				List<String> values = this.replaced.get(name);
				if (values == null || !values.isEmpty()) {
					names.add(name);
				}
			}
			return Collections.enumeration(names);
		}

	}

}
