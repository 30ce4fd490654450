package ai.ag2.tracing.internal.jsonl;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JSONL mirror: each export batch written to a file as one line of OTLP/JSON (an
 * {@code ExportTraceServiceRequest}, {@code {"resourceSpans":[…]}}), encoded by OpenTelemetry's
 * own OTLP JSON exporter ({@code opentelemetry-exporter-logging-otlp}), so any OTLP tool reads it.
 * Spring Boot's batch span processor calls it on its own thread, beside the other exporters. A
 * file that cannot be written (read-only, full disk) is logged once at WARN; the batch is dropped
 * for this exporter only and the next batch tries again.
 * <p>
 * Internal API: may change without notice.
 */
public final class JsonlSpanExporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(JsonlSpanExporter.class);

	private final RollingJsonlFile file;

	private final Line line = new Line();

	private final SpanExporter encoder;

	private final AtomicBoolean warned = new AtomicBoolean();

	private final AtomicBoolean shutdown = new AtomicBoolean();

	private boolean failing;

	public JsonlSpanExporter(RollingJsonlFile file) {
		this.file = file;
		this.encoder = OtlpStdoutSpanExporter.builder().setOutput(this.line).setWrapperJsonObject(true).build();
	}

	@Override
	public synchronized CompletableResultCode export(Collection<SpanData> spans) {
		if (this.shutdown.get()) {
			return CompletableResultCode.ofFailure();
		}
		if (spans.isEmpty()) {
			return CompletableResultCode.ofSuccess();
		}
		try {
			this.line.reset();
			if (!this.encoder.export(spans).isSuccess() || this.line.size() == 0) {
				return failed("the spans could not be encoded as OTLP/JSON", null);
			}
			this.file.append(this.line.toByteArray());
			if (this.failing) {
				this.failing = false;
				logger.info("ag2-tracing: writing spans to " + this.file.path() + " again");
			}
			return CompletableResultCode.ofSuccess();
		}
		catch (Throwable ex) {
			return failed(ex.toString(), ex);
		}
		finally {
			// a batch of large spans must not keep its buffer for the application's lifetime
			this.line.shrink();
		}
	}

	private CompletableResultCode failed(String reason, @Nullable Throwable failure) {
		this.failing = true;
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("ag2-tracing: cannot write spans to the JSONL mirror " + this.file.path() + " (" + reason
					+ "); the other exporters are unaffected, further failures are logged at DEBUG");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("ag2-tracing: cannot write spans to " + this.file.path(), failure);
		}
		return CompletableResultCode.ofFailure();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public synchronized CompletableResultCode shutdown() {
		if (this.shutdown.compareAndSet(false, true)) {
			this.encoder.shutdown();
			this.file.close();
		}
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "JsonlSpanExporter{" + this.file.path() + "}";
	}

	/** The encoder's output: one batch's line. */
	private static final class Line extends ByteArrayOutputStream {

		private static final int KEPT_CAPACITY = 64 * 1024;

		Line() {
			super(KEPT_CAPACITY);
		}

		void shrink() {
			if (this.buf.length > KEPT_CAPACITY) {
				this.buf = new byte[KEPT_CAPACITY];
			}
			this.count = 0;
		}

	}

}
