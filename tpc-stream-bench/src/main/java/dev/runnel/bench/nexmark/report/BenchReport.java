package dev.runnel.bench.nexmark.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one invocation of the harness measured: the setup, the load, each engine's result
 * per query and the result checks. Written as JSON, CSV, an SVG chart and Markdown.
 *
 * @param date UTC time of the start, ISO-8601
 * @param command the command line as given
 * @param events events generated (all kinds)
 * @param eventsByKind rows per stream
 * @param generator the generator settings (seed, rate, disorder)
 * @param loadNanos time to generate and load the events into Runnel
 * @param build the checkout the harness and Runnel were built from ({@code git describe}), or null
 * @param runnelPath how Runnel's queries were run
 * @param flinkSetup how Flink's were run (null if not compared)
 * @param queries the queries asked for, in order
 * @param latencies Runnel's processing latency per query while events arrive (empty if not measured)
 */
public record BenchReport(String date, MachineInfo machine, String command, long events,
        Map<String, Long> eventsByKind, Map<String, Object> generator, long loadNanos, int warmup, int runs,
        String build, String runnelPath, String flinkSetup, List<String> queries, List<QueryResult> results,
        List<CheckResult> checks, List<LatencyResult> latencies) {
    public BenchReport {
        latencies = List.copyOf(latencies);
        queries = List.copyOf(queries);
        results = List.copyOf(results);
        checks = List.copyOf(checks);
    }

    public Optional<QueryResult> result(String engine, String query) {
        return results.stream().filter(r -> r.engine().equals(engine) && r.query().equals(query)).findFirst();
    }

    public Optional<CheckResult> check(String query) {
        return checks.stream().filter(c -> c.query().equals(query)).findFirst();
    }

    public boolean compared() {
        return flinkSetup != null;
    }
}
