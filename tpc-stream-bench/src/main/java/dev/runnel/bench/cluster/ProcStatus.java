package dev.runnel.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What Linux's {@code /proc} and the JDK's process handles say about another process. Stateless. */
final class ProcStatus {
    private ProcStatus() {}

    /** Peak resident memory in bytes ({@code VmHWM}), or -1 where there is no {@code /proc} or no process. */
    static long peakRssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return -1;
    }

    /** CPU time (user + system) of process {@code pid} so far, nanoseconds, or -1. */
    static long cpuNanos(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos()).orElse(-1L);
    }

    /** The 1-minute load average, or -1. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
