package ai.ag2.tracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Export under load: traced {@code @Tool} calls at a fixed rate (20 000 spans/s for 10 s by
 * default) through Boot's batch span processor and OTLP/HTTP exporter to an {@link OtlpReceiver}
 * in the same JVM; then the same load with the receiver down. Reports spans created and received
 * (the difference is what the batch processor dropped), the time of a traced call and the heap.
 * Run it with a bounded heap, as {@code docs/performance.md} shows.
 */
public final class ExportUnderLoad {

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private ExportUnderLoad() {
	}

	public static void main(String[] args) throws Exception {
		int rate = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		OtlpReceiver receiver = OtlpReceiver.start();
		try (ConfigurableApplicationContext context = BenchmarkApplication.withOtlpExporter(
				"management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.tracesEndpoint())) {
			Ag2WeatherTool tool = context.getBean(Ag2WeatherTool.class);
			SdkTracerProvider tracerProvider = context.getBean(SdkTracerProvider.class);
			System.out.printf(Locale.ROOT, "max heap %d MB, %d cores, %d spans/s for %d s%n",
					memory.getHeapMemoryUsage().getMax() >> 20, Runtime.getRuntime().availableProcessors(), rate,
					seconds);

			drive(tool, rate, 5);
			tracerProvider.forceFlush().join(30, TimeUnit.SECONDS);
			long receivedBefore = awaitQuiet(receiver);

			Load up = drive(tool, rate, seconds);
			tracerProvider.forceFlush().join(30, TimeUnit.SECONDS);
			long received = awaitQuiet(receiver) - receivedBefore;
			long heapAfterUp = heapAfterGc();
			System.out.printf(Locale.ROOT,
					"receiver up:   created %d, received %d, dropped %d (%.2f%%); call mean %.0f ns, p50 %d ns, "
							+ "p99 %d ns; achieved %.0f spans/s; heap peak %d MB, after GC %d MB%n",
					up.calls(), received, up.calls() - received, 100.0 * (up.calls() - received) / up.calls(), up.meanNanos(),
					up.percentile(0.50), up.percentile(0.99), up.achievedRate(), up.peakHeap >> 20,
					heapAfterUp >> 20);

			receiver.close();
			Load down = drive(tool, rate, seconds);
			long heapAfterDown = heapAfterGc();
			System.out.printf(Locale.ROOT,
					"receiver down: created %d; call mean %.0f ns (%.2f x up), p50 %d ns, p99 %d ns; achieved %.0f "
							+ "spans/s; heap peak %d MB, after %d s and GC %d MB%n",
					down.calls(), down.meanNanos(), down.meanNanos() / up.meanNanos(), down.percentile(0.50),
					down.percentile(0.99), down.achievedRate(), down.peakHeap >> 20, seconds, heapAfterDown >> 20);
		}
	}

	// Calls at a fixed rate: every wake-up makes the calls that are due, so short stalls catch up.
	private static Load drive(Ag2WeatherTool tool, int rate, int seconds) {
		int total = rate * seconds;
		long[] nanos = new long[total];
		long peakHeap = 0;
		long start = System.nanoTime();
		long duration = TimeUnit.SECONDS.toNanos(seconds);
		int made = 0;
		int sink = 0;
		long elapsed;
		while ((elapsed = System.nanoTime() - start) < duration && made < total) {
			long due = Math.min(total, elapsed * rate / 1_000_000_000L);
			while (made < due) {
				long before = System.nanoTime();
				sink += tool.getWeather("Paris", made).length();
				nanos[made] = System.nanoTime() - before;
				made++;
				if ((made & 1023) == 0) {
					peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
				}
			}
			LockSupport.parkNanos(100_000);
		}
		long wall = System.nanoTime() - start;
		// Uses the results, so that the JIT keeps the calls.
		if (sink == 42) {
			System.out.println();
		}
		return new Load(Arrays.copyOf(nanos, made), wall, peakHeap);
	}

	// The receiver's count once no export has arrived for a second.
	private static long awaitQuiet(OtlpReceiver receiver) throws InterruptedException {
		long last = -1;
		long now = receiver.spans();
		while (now != last) {
			last = now;
			Thread.sleep(1000);
			now = receiver.spans();
		}
		return now;
	}

	private static long heapAfterGc() {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private record Load(long[] nanos, long wallNanos, long peakHeap) {

		Load {
			Arrays.sort(nanos);
		}

		long calls() {
			return this.nanos.length;
		}

		double meanNanos() {
			return Arrays.stream(this.nanos).average().orElse(0);
		}

		long percentile(double fraction) {
			return (this.nanos.length == 0) ? 0 : this.nanos[(int) Math.min(this.nanos.length - 1, fraction * this.nanos.length)];
		}

		double achievedRate() {
			return this.nanos.length * 1e9 / this.wallNanos;
		}

	}

}
