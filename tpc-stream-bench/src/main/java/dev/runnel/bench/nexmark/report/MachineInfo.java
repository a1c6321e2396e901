package dev.runnel.bench.nexmark.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a run happened: CPU model and count, memory, OS, JVM, load average at the start. Read from
 * {@code /proc} where present (Linux), else from the JDK.
 */
public record MachineInfo(String cpu, int cpus, long memoryBytes, String os, String java, double loadAverage) {
    public static MachineInfo detect() {
        String cpu = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = System.getProperty("os.arch");
        }
        long mem = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            mem = os.getTotalMemorySize();
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "") + ", kernel " + System.getProperty("os.version");
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep the JDK's name
        }
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new MachineInfo(cpu, Runtime.getRuntime().availableProcessors(), mem, os, java,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One line for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %.0f GiB RAM, %s, %s; load average %.1f at the start",
                cpus, cpu, memoryBytes / (1024.0 * 1024 * 1024), os, java, loadAverage);
    }
}
