package dev.runnel.bench.nexmark.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures one run in this JVM: wall time, CPU time of the whole process (every thread: the query,
 * the JIT, the garbage collector), the peak of the heap pools since {@link #start} and the
 * collector's time. Reads the JDK's management beans; pure JDK, so the Flink side uses it too.
 * Not thread-safe: start, then stop, from one thread.
 */
public final class ProcessMeter {
    /** What a run cost. */
    public record Sample(long wallNanos, long cpuNanos, long peakHeapBytes, long gcMillis) {}

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    private long wall0;
    private long cpu0;
    private long gc0;

    /** Resets the heap peaks and takes the starting readings. */
    public void start() {
        for (MemoryPoolMXBean p : heapPools) {
            p.resetPeakUsage();
        }
        gc0 = gcMillis();
        cpu0 = os.getProcessCpuTime();
        wall0 = System.nanoTime();
    }

    public Sample stop() {
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long peak = 0;
        for (MemoryPoolMXBean p : heapPools) {
            peak += p.getPeakUsage().getUsed();
        }
        return new Sample(wall, cpu, peak, gcMillis() - gc0);
    }

    /** CPU time of the whole process so far, nanoseconds. */
    public long processCpuNanos() {
        return os.getProcessCpuTime();
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }
}
