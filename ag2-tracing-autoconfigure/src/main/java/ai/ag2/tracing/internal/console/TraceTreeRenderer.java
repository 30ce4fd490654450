package ai.ag2.tracing.internal.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.Ag2SpanType;
import ai.ag2.tracing.internal.InstrumentationFailures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServiceAttributes;

/**
 * Renders the spans of one trace as an indented tree under a header line, one line per span:
 * its name, then its duration and the few attributes worth reading at a glance (token usage,
 * finish reasons, turns, exit code, selected speaker, remote address, HTTP status, errors, and
 * the service when it differs from the root's); a complete trace ends with a total line: its
 * duration and its LLM calls' number, tokens and cost.
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736 · ag2-tracing-sample
 * conversation user_proxy  (1.2 s, 2 turns, 63 tokens)
 * ├── invoke_agent assistant  (0.4 s)
 * │   ├── chat gpt-4o-mini  (12 ms, in 41, out 22, stop)
 * │   └── execute_tool get_weather  (3 ms)
 * └── invoke_agent user_proxy  (1 ms)
 * total  1.2 s · 1 LLM call · 63 tokens (in 41, out 22) · cost 0.0012
 * </pre>
 * Siblings are ordered by start time, then by name.
 * <p>
 * Internal API: may change without notice.
 */
public final class TraceTreeRenderer {

	private final Map<String, SpanDetails> detailsByType;

	// Micrometer's HTTP observations name their status tag "status", not the semantic-convention key.
	private static final AttributeKey<String> MICROMETER_HTTP_STATUS = AttributeKey.stringKey("status");

	private static final Comparator<SpanData> SIBLING_ORDER = Comparator.comparingLong(SpanData::getStartEpochNanos)
		.thenComparing(SpanData::getName);

	/** A renderer with the details of ag2's own span types. */
	public TraceTreeRenderer() {
		this(List.of());
	}

	/**
	 * A renderer with the details of ag2's own span types and of {@code additional} ones (which win
	 * for a span type they share).
	 */
	public TraceTreeRenderer(List<SpanDetails> additional) {
		Map<String, SpanDetails> byType = new HashMap<>();
		BuiltInSpanDetails.all().forEach((details) -> byType.put(details.spanType(), details));
		additional.forEach((details) -> byType.put(details.spanType(), details));
		this.detailsByType = Map.copyOf(byType);
	}

	/**
	 * The tree of a trace whose root span arrived.
	 * @param root the root span: no parent in this process
	 * @param spans the root and its descendants
	 * @return the header, one line per span and the total line, ending with a blank line
	 */
	public String renderComplete(SpanData root, Collection<SpanData> spans) {
		StringBuilder out = new StringBuilder();
		out.append("trace ").append(root.getTraceId()).append(" · ").append(serviceName(root));
		SpanContext parent = root.getParentSpanContext();
		if (parent.isValid() && parent.isRemote()) {
			out.append(" · continues remote span ").append(parent.getSpanId());
		}
		out.append('\n');
		Map<String, List<SpanData>> children = children(spans);
		appendSpan(out, root, serviceName(root), children, "", "");
		appendTotal(out, root, spans);
		return out.append('\n').toString();
	}

	// One line for the whole trace: its duration and, over its LLM calls, tokens and cost.
	private static void appendTotal(StringBuilder out, SpanData root, Collection<SpanData> spans) {
		int calls = 0;
		long input = 0;
		long output = 0;
		boolean tokensKnown = false;
		double cost = 0;
		boolean costKnown = false;
		for (SpanData span : spans) {
			Attributes attributes = span.getAttributes();
			if (!Ag2SpanType.LLM.value().equals(attributes.get(Ag2Attributes.AG2_SPAN_TYPE))) {
				continue;
			}
			calls++;
			Long in = attributes.get(Ag2Attributes.GEN_AI_USAGE_INPUT_TOKENS);
			Long outTokens = attributes.get(Ag2Attributes.GEN_AI_USAGE_OUTPUT_TOKENS);
			tokensKnown |= (in != null || outTokens != null);
			input += (in != null) ? in : 0;
			output += (outTokens != null) ? outTokens : 0;
			Double spent = attributes.get(Ag2Attributes.GEN_AI_USAGE_COST);
			if (spent != null && Double.isFinite(spent)) {
				cost += spent;
				costKnown = true;
			}
		}
		out.append("total  ").append(duration(root.getEndEpochNanos() - root.getStartEpochNanos()));
		if (calls > 0) {
			out.append(" · ").append(calls).append((calls == 1) ? " LLM call" : " LLM calls");
		}
		if (tokensKnown) {
			out.append(" · ").append(input + output).append(" tokens (in ").append(input).append(", out ")
				.append(output).append(')');
		}
		if (costKnown) {
			out.append(" · cost ").append(cost(cost));
		}
		out.append('\n');
	}

	/** A cost to six significant digits, without an exponent or trailing zeros: {@code 0.0042}. */
	static String cost(double cost) {
		return new BigDecimal(cost).round(new MathContext(6)).stripTrailingZeros().toPlainString();
	}

	/**
	 * The spans of a trace printed without its root: each span whose parent is not among them
	 * starts a tree of its own.
	 * @param traceId the trace
	 * @param spans the spans that arrived
	 * @param reason why the trace is printed without its root
	 * @return the header and one line per span, ending with a blank line
	 */
	public String renderIncomplete(String traceId, Collection<SpanData> spans, String reason) {
		List<SpanData> tops = tops(spans);
		String service = tops.isEmpty() ? "unknown_service" : serviceName(tops.get(0));
		StringBuilder out = new StringBuilder();
		out.append("trace ").append(traceId).append(" · ").append(service).append(" · incomplete: ").append(reason)
			.append('\n');
		Map<String, List<SpanData>> children = children(spans);
		for (SpanData top : tops) {
			appendSpan(out, top, service, children, "… ", "  ");
		}
		return out.append('\n').toString();
	}

	// Deeper spans are not indented further: a 2 000-deep trace would otherwise print megabytes of
	// tree lines; they carry their depth instead.
	static final int MAX_INDENTED_DEPTH = 24;

	private void appendSpan(StringBuilder out, SpanData top, String rootService,
			Map<String, List<SpanData>> children, String prefix, String childPrefix) {
		Deque<Line> toPrint = new ArrayDeque<>();
		toPrint.push(new Line(top, prefix, childPrefix, 0));
		while (!toPrint.isEmpty()) {
			Line line = toPrint.pop();
			SpanData span = line.span();
			if (line.depth() > MAX_INDENTED_DEPTH) {
				out.append(line.prefix()).append("[depth ").append(line.depth()).append("] ");
			}
			else {
				out.append(line.prefix());
			}
			out.append(span.getName()).append("  (").append(String.join(", ", details(span, rootService)))
				.append(")\n");
			List<SpanData> kids = children.getOrDefault(span.getSpanId(), List.of());
			// pushed last to first, so that the first child is printed first
			for (int i = kids.size() - 1; i >= 0; i--) {
				boolean last = (i == kids.size() - 1);
				int depth = line.depth() + 1;
				if (depth > MAX_INDENTED_DEPTH) {
					toPrint.push(new Line(kids.get(i), line.childPrefix() + "… ", line.childPrefix(), depth));
				}
				else {
					toPrint.push(new Line(kids.get(i), line.childPrefix() + (last ? "└── " : "├── "),
							line.childPrefix() + (last ? "    " : "│   "), depth));
				}
			}
		}
	}

	private List<String> details(SpanData span, String rootService) {
		List<String> details = new ArrayList<>();
		Attributes attributes = span.getAttributes();
		details.add(duration(span.getEndEpochNanos() - span.getStartEpochNanos()));
		String type = attributes.get(Ag2Attributes.AG2_SPAN_TYPE);
		SpanDetails typeDetails = (type != null) ? this.detailsByType.get(type) : null;
		if (typeDetails != null) {
			try {
				typeDetails.describe(attributes, details);
			}
			catch (Throwable ex) {
				InstrumentationFailures.report("describing a " + type + " span on the console", ex);
			}
		}
		if (type == null || Ag2SpanType.A2A_EXECUTION.value().equals(type)) {
			Long status = attributes.get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE);
			String micrometerStatus = attributes.get(MICROMETER_HTTP_STATUS);
			if (status != null) {
				details.add("HTTP " + status);
			}
			else if (micrometerStatus != null && !micrometerStatus.isEmpty()
					&& micrometerStatus.chars().allMatch(Character::isDigit)) {
				details.add("HTTP " + micrometerStatus);
			}
		}
		if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
			String errorType = attributes.get(ErrorAttributes.ERROR_TYPE);
			details.add((errorType != null) ? "ERROR " + errorType : "ERROR");
		}
		String service = serviceName(span);
		if (!service.equals(rootService)) {
			details.add("service " + service);
		}
		return details;
	}

	private record Line(SpanData span, String prefix, String childPrefix, int depth) {
	}

	/** {@code 0.3 ms}, {@code 12 ms}, {@code 0.4 s}, {@code 1.2 s}: milliseconds below 100 ms, else seconds. */
	static String duration(long nanos) {
		long safe = Math.max(0, nanos);
		long tenthsOfMillis = Math.round(safe / 100_000.0);
		if (tenthsOfMillis < 10) {
			return "0." + tenthsOfMillis + " ms";
		}
		long millis = Math.round(safe / 1_000_000.0);
		if (millis < 100) {
			return millis + " ms";
		}
		return String.format(Locale.ROOT, "%.1f s", safe / 1_000_000_000.0);
	}

	private static String serviceName(SpanData span) {
		String name = span.getResource().getAttribute(ServiceAttributes.SERVICE_NAME);
		return (name != null) ? name : "unknown_service";
	}

	private static Map<String, List<SpanData>> children(Collection<SpanData> spans) {
		Map<String, List<SpanData>> children = new HashMap<>();
		for (SpanData span : spans) {
			children.computeIfAbsent(span.getParentSpanId(), (id) -> new ArrayList<>()).add(span);
		}
		children.values().forEach((siblings) -> siblings.sort(SIBLING_ORDER));
		return children;
	}

	private static List<SpanData> tops(Collection<SpanData> spans) {
		Set<String> ids = new HashSet<>();
		spans.forEach((span) -> ids.add(span.getSpanId()));
		List<SpanData> tops = new ArrayList<>(spans.stream().filter((span) -> !ids.contains(span.getParentSpanId())).toList());
		tops.sort(SIBLING_ORDER);
		return tops;
	}

}
