package ai.ag2.tracing.internal.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SpanExporter} that prints each finished trace as an indented tree (see
 * {@link TraceTreeRenderer}). Spans are held per trace until the trace's root arrives (a span
 * with no parent in this process: its parent is invalid or remote), then the root and its
 * descendants are printed at once, so traces of concurrent runs never mix.
 * <p>
 * A trace whose root has not arrived within the incomplete-trace timeout is printed as it is,
 * marked incomplete; so are the oldest traces when more than the maximum number of spans are
 * pending, and every pending trace on {@link #shutdown()}. A daemon thread checks the timeout
 * while traces are pending. Thread-safe: whole trees are printed under one lock.
 * <p>
 * Internal API: may change without notice.
 */
public final class ConsoleTraceTreeExporter implements SpanExporter {

	private static final Comparator<SpanData> END_ORDER = Comparator.comparingLong(SpanData::getEndEpochNanos);

	private final Object lock = new Object();

	// Insertion order is arrival order of each trace's first span: the oldest trace comes first.
	private final Map<String, PendingTrace> pending = new LinkedHashMap<>();

	private final PrintStream out;

	private final Duration incompleteTraceTimeout;

	private final int maxPendingSpans;

	private final LongSupplier nanoTime;

	private final boolean checkTimeoutInBackground;

	private final TraceTreeRenderer renderer;

	private int pendingSpans;

	private boolean shutdown;

	private @Nullable ScheduledExecutorService timeoutChecker;

	/**
	 * Create an exporter that prints to {@code out}.
	 * @param out where trees are printed, usually {@code System.out}
	 * @param incompleteTraceTimeout how long to wait for a trace's root span
	 * @param maxPendingSpans how many spans to hold while their traces finish
	 */
	public ConsoleTraceTreeExporter(PrintStream out, Duration incompleteTraceTimeout, int maxPendingSpans) {
		this(out, incompleteTraceTimeout, maxPendingSpans, new TraceTreeRenderer());
	}

	/** An exporter that renders with {@code renderer} (details of more span types). */
	public ConsoleTraceTreeExporter(PrintStream out, Duration incompleteTraceTimeout, int maxPendingSpans,
			TraceTreeRenderer renderer) {
		this(out, incompleteTraceTimeout, maxPendingSpans, System::nanoTime, true, renderer);
	}

	ConsoleTraceTreeExporter(PrintStream out, Duration incompleteTraceTimeout, int maxPendingSpans,
			LongSupplier nanoTime, boolean checkTimeoutInBackground) {
		this(out, incompleteTraceTimeout, maxPendingSpans, nanoTime, checkTimeoutInBackground,
				new TraceTreeRenderer());
	}

	private ConsoleTraceTreeExporter(PrintStream out, Duration incompleteTraceTimeout, int maxPendingSpans,
			LongSupplier nanoTime, boolean checkTimeoutInBackground, TraceTreeRenderer renderer) {
		this.renderer = renderer;
		this.out = out;
		this.incompleteTraceTimeout = incompleteTraceTimeout;
		this.maxPendingSpans = Math.max(1, maxPendingSpans);
		this.nanoTime = nanoTime;
		this.checkTimeoutInBackground = checkTimeoutInBackground;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		synchronized (this.lock) {
			if (this.shutdown) {
				return CompletableResultCode.ofFailure();
			}
			long now = this.nanoTime.getAsLong();
			List<SpanData> roots = new ArrayList<>();
			for (SpanData span : spans) {
				this.pending.computeIfAbsent(span.getTraceId(), (traceId) -> new PendingTrace(now)).spans.add(span);
				this.pendingSpans++;
				if (isRoot(span)) {
					roots.add(span);
				}
			}
			roots.sort(END_ORDER);
			roots.forEach(this::printTreeOf);
			printExpiredTraces(now);
			printOldestTracesBeyondLimit();
			if (!this.pending.isEmpty()) {
				startTimeoutChecker();
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	/** Print, marked incomplete, every trace whose root has not arrived within the timeout. */
	void printExpiredTraces() {
		synchronized (this.lock) {
			printExpiredTraces(this.nanoTime.getAsLong());
		}
	}

	/** Number of spans held while their traces finish. */
	int pendingSpans() {
		synchronized (this.lock) {
			return this.pendingSpans;
		}
	}

	@Override
	public CompletableResultCode flush() {
		printExpiredTraces();
		return CompletableResultCode.ofSuccess();
	}

	/** Print every pending trace, marked incomplete, and stop. Further exports fail. */
	@Override
	public CompletableResultCode shutdown() {
		ScheduledExecutorService checker;
		synchronized (this.lock) {
			if (this.shutdown) {
				return CompletableResultCode.ofSuccess();
			}
			this.shutdown = true;
			for (Iterator<Map.Entry<String, PendingTrace>> it = this.pending.entrySet().iterator(); it.hasNext();) {
				Map.Entry<String, PendingTrace> entry = it.next();
				it.remove();
				printIncomplete(entry.getKey(), entry.getValue(), "root span had not ended at shutdown");
			}
			checker = this.timeoutChecker;
			this.timeoutChecker = null;
		}
		if (checker != null) {
			checker.shutdownNow();
		}
		return CompletableResultCode.ofSuccess();
	}

	private static boolean isRoot(SpanData span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	private void printTreeOf(SpanData root) {
		PendingTrace trace = this.pending.get(root.getTraceId());
		if (trace == null) {
			return;
		}
		Map<String, List<SpanData>> children = new HashMap<>();
		for (SpanData span : trace.spans) {
			if (span != root) {
				children.computeIfAbsent(span.getParentSpanId(), (id) -> new ArrayList<>()).add(span);
			}
		}
		List<SpanData> tree = new ArrayList<>();
		Deque<SpanData> toVisit = new ArrayDeque<>();
		toVisit.add(root);
		while (!toVisit.isEmpty()) {
			SpanData span = toVisit.poll();
			tree.add(span);
			toVisit.addAll(children.getOrDefault(span.getSpanId(), List.of()));
		}
		Set<SpanData> printed = Collections.newSetFromMap(new IdentityHashMap<>());
		printed.addAll(tree);
		trace.spans.removeIf(printed::contains);
		this.pendingSpans -= tree.size();
		if (trace.spans.isEmpty()) {
			this.pending.remove(root.getTraceId());
		}
		this.out.print(this.renderer.renderComplete(root, tree));
		this.out.flush();
	}

	private void printExpiredTraces(long now) {
		long timeout = this.incompleteTraceTimeout.toNanos();
		for (Iterator<Map.Entry<String, PendingTrace>> it = this.pending.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, PendingTrace> entry = it.next();
			if (now - entry.getValue().firstArrival < timeout) {
				break;
			}
			it.remove();
			printIncomplete(entry.getKey(), entry.getValue(),
					"root span not received within " + TraceTreeRenderer.duration(timeout));
		}
	}

	private void printOldestTracesBeyondLimit() {
		Iterator<Map.Entry<String, PendingTrace>> it = this.pending.entrySet().iterator();
		while (this.pendingSpans > this.maxPendingSpans && it.hasNext()) {
			Map.Entry<String, PendingTrace> entry = it.next();
			it.remove();
			printIncomplete(entry.getKey(), entry.getValue(),
					"more than " + this.maxPendingSpans + " spans pending, printed before its root span");
		}
	}

	private void printIncomplete(String traceId, PendingTrace trace, String reason) {
		this.pendingSpans -= trace.spans.size();
		this.out.print(this.renderer.renderIncomplete(traceId, trace.spans, reason));
		this.out.flush();
	}

	private void startTimeoutChecker() {
		if (!this.checkTimeoutInBackground || this.timeoutChecker != null) {
			return;
		}
		long period = Math.max(100, Math.min(1000, this.incompleteTraceTimeout.toMillis() / 2));
		ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ag2-console-trace-timeout");
			thread.setDaemon(true);
			return thread;
		});
		checker.scheduleWithFixedDelay(this::printExpiredTraces, period, period, TimeUnit.MILLISECONDS);
		this.timeoutChecker = checker;
	}

	private static final class PendingTrace {

		private final long firstArrival;

		private final List<SpanData> spans = new ArrayList<>();

		private PendingTrace(long firstArrival) {
			this.firstArrival = firstArrival;
		}

	}

}
