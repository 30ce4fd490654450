package ai.ag2.tracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, for machines shared with other work, where the time a thread waits for
 * a core inflates wall-clock scores: {@code cpu.threads} is the CPU time of every Java thread of
 * the benchmark JVM (benchmark threads and the batch span processor's worker; not the JIT or GC),
 * {@code cpu.process} that of the whole process (with GC and JIT). Use with
 * {@code -prof ai.ag2.tracing.benchmarks.CpuTimeProfiler}. Also {@code cpu.callers} and
 * {@code alloc.callers}: CPU time and bytes allocated per operation by the calling threads alone
 * ({@code gc.alloc.rate.norm} counts every thread, the span processor's worker included).
 */
public class CpuTimeProfiler implements InternalProfiler {

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private long threadsCpuBefore;

	private long processCpuBefore;

	private long callersAllocatedBefore;

	private long callersCpuBefore;

	@Override
	public String getDescription() {
		return "CPU time per operation of the JVM's Java threads and of the whole process";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.threadsCpuBefore = threadsCpu();
		this.processCpuBefore = this.system.getProcessCpuTime();
		this.callersAllocatedBefore = callersAllocated();
		this.callersCpuBefore = callersCpu();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long threadsCpu = threadsCpu() - this.threadsCpuBefore;
		long processCpu = this.system.getProcessCpuTime() - this.processCpuBefore;
		long callersAllocated = callersAllocated() - this.callersAllocatedBefore;
		long callersCpu = callersCpu() - this.callersCpuBefore;
		long ops = Math.max(1, result.getMetadata().getAllOps());
		return List.of(new ScalarResult("cpu.threads", (double) threadsCpu / ops, "ns/op", AggregationPolicy.AVG),
				new ScalarResult("cpu.process", (double) processCpu / ops, "ns/op", AggregationPolicy.AVG),
				new ScalarResult("cpu.callers", (double) callersCpu / ops, "ns/op", AggregationPolicy.AVG),
				new ScalarResult("alloc.callers", (double) callersAllocated / ops, "B/op", AggregationPolicy.AVG));
	}

	// Bytes allocated by the threads that make the calls (JMH's workers), without the span processor's worker.
	private long callersAllocated() {
		long total = 0;
		for (long id : callerThreadIds()) {
			total += Math.max(0, this.threads.getThreadAllocatedBytes(id));
		}
		return total;
	}

	// CPU time of the threads that make the calls, without the span processor's worker.
	private long callersCpu() {
		long total = 0;
		for (long id : callerThreadIds()) {
			total += Math.max(0, this.threads.getThreadCpuTime(id));
		}
		return total;
	}

	private long[] callerThreadIds() {
		return Arrays.stream(this.threads.getThreadInfo(this.threads.getAllThreadIds()))
			.filter((thread) -> thread != null && thread.getThreadName().contains("-jmh-worker-"))
			.mapToLong(ThreadInfo::getThreadId)
			.toArray();
	}

	// Threads that ended during the iteration are missed; the benchmark's threads all outlive it.
	private long threadsCpu() {
		long total = 0;
		for (long id : this.threads.getAllThreadIds()) {
			long cpu = this.threads.getThreadCpuTime(id);
			if (cpu > 0) {
				total += cpu;
			}
		}
		return total;
	}

}
