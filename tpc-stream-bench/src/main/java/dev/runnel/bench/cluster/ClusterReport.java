package dev.runnel.bench.cluster;

import dev.runnel.bench.nexmark.report.MachineInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cluster benchmark's results as text: one line per run, and the Markdown report. Stateless. */
final class ClusterReport {
    private static final List<String> ROLES = List.of(ThreadGroups.STAGE_A, ThreadGroups.STAGE_B, ThreadGroups.SINGLE,
            ThreadGroups.KAFKA, ThreadGroups.OTHER, "jvm");

    private ClusterReport() {}

    static String line(ClusterRun.Result r) {
        return String.format(Locale.ROOT, "%,.0f events/s, %.2f CPU-µs/event (%,.0f events per CPU-s), broker %s,"
                        + " peak RSS %d MiB, %d task(s) on %d process(es), load average %.1f -> %.1f",
                r.eventsPerSecond(), r.cpuMicrosPerEvent(), 1e6 / r.cpuMicrosPerEvent(), broker(r),
                r.peakRssBytes() >> 20, r.tasks(), r.busyProcesses(), r.loadBefore(), r.loadAfter());
    }

    private static String broker(ClusterRun.Result r) {
        return r.brokerCpuNanos() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f CPU-µs/event", r.brokerCpuNanos() / 1e3 / r.events());
    }

    static String markdown(MachineInfo machine, Instant when, String commit, String args, List<String> loads,
            List<ClusterRun.Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("Machine: ").append(machine.describe()).append(".  \n");
        b.append("Date: ").append(when).append("; commit ").append(commit).append("; `bin/runnel-bench ")
                .append(args).append("`.\n\n");
        for (String l : loads) {
            b.append("* load: ").append(l).append('\n');
        }
        b.append("\n| workload | processes | tasks (stages) | busy processes | seconds | events/s | speed-up vs 1"
                + " | events/CPU-s | CPU µs/event (workers) | broker CPU µs/event | peak RSS MiB | load avg before/after | check |\n");
        b.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (ClusterRun.Result r : results) {
            double base = results.stream().filter(x -> x.workload() == r.workload() && x.processes() == 1)
                    .mapToDouble(ClusterRun.Result::eventsPerSecond).findFirst().orElse(Double.NaN);
            b.append(String.format(Locale.ROOT, "| %s | %d | %d (%s) | %d | %.1f | %,.0f | %s | %,.0f | %.2f | %s | %d | %.1f / %.1f | %s |%n",
                    r.workload().name(), r.processes(), r.tasks(), r.split() ? "A+B" : "one", r.busyProcesses(),
                    r.nanos() / 1e9, r.eventsPerSecond(), Double.isNaN(base) ? "-" : String.format(Locale.ROOT, "%.2f×",
                            r.eventsPerSecond() / base), 1e6 / r.cpuMicrosPerEvent(), r.cpuMicrosPerEvent(),
                    r.brokerCpuNanos() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", r.brokerCpuNanos() / 1e3 / r.events()),
                    r.peakRssBytes() >> 20, r.loadBefore(), r.loadAfter(), r.check().ok() ? "ok" : "FAILED: " + r.check().detail()));
        }
        b.append("\nWorker CPU by thread role, µs per event (stage A = read, filter, project, write the repartition"
                + " topic; stage B = aggregate, write the changes topic; task = a single-task view's whole query;"
                + " jvm = GC, JIT and threads that ended):\n\n| workload | processes |");
        ROLES.forEach(role -> b.append(' ').append(role).append(" |"));
        b.append("\n| --- | ---: |");
        ROLES.forEach(role -> b.append(" ---: |"));
        b.append('\n');
        for (ClusterRun.Result r : results) {
            b.append("| ").append(r.workload().name()).append(" | ").append(r.processes()).append(" |");
            Map<String, Long> m = r.cpuByRole();
            for (String role : ROLES) {
                b.append(String.format(Locale.ROOT, " %.2f |", m.getOrDefault(role, 0L) / 1e3 / r.events()));
            }
            b.append('\n');
        }
        b.append("\nBytes on the broker per event (log sizes of the input, the repartition topic, the changes and"
                + " state topics at the end):\n\n| workload | processes | input | repartition | changes | state |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (ClusterRun.Result r : results) {
            b.append("| ").append(r.workload().name()).append(" | ").append(r.processes()).append(" |");
            for (String t : List.of("input", "repartition", "changes", "state")) {
                Long n = r.topicBytes().get(t);
                b.append(n == null ? " - |" : String.format(Locale.ROOT, " %.1f |", (double) n / r.events()));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
