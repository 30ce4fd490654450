package ai.ag2.tracing.internal.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads propagation headers from an inbound servlet request. A header sent more than once is
 * joined with commas, as HTTP allows for list-valued headers ({@code tracestate},
 * {@code baggage}), except {@code traceparent}: W3C Trace Context allows exactly one, so a
 * repeated {@code traceparent} reads as absent and the request starts a fresh trace.
 * <p>
 * Internal API: may change without notice.
 */
final class HttpServletRequestGetter implements TextMapGetter<HttpServletRequest> {

	static final HttpServletRequestGetter INSTANCE = new HttpServletRequestGetter();

	static final String TRACEPARENT = "traceparent";

	private HttpServletRequestGetter() {
	}

	@Override
	public Iterable<String> keys(HttpServletRequest carrier) {
		Enumeration<String> names = carrier.getHeaderNames();
		return (names != null) ? Collections.list(names) : List.of();
	}

	@Override
	public @Nullable String get(@Nullable HttpServletRequest carrier, String key) {
		if (carrier == null) {
			return null;
		}
		List<String> values = values(carrier, key);
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() == 1) {
			return values.get(0);
		}
		return TRACEPARENT.equalsIgnoreCase(key) ? null : String.join(",", values);
	}

	/** Every field line of header {@code name}, in the order received. */
	static List<String> values(HttpServletRequest request, String name) {
		Enumeration<String> headers = request.getHeaders(name);
		if (headers == null || !headers.hasMoreElements()) {
			return List.of();
		}
		List<String> values = new ArrayList<>(1);
		while (headers.hasMoreElements()) {
			values.add(headers.nextElement());
		}
		return values;
	}

}
