package dev.runnel.bench.nexmark.report;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How one engine did on one query: its runs, or why it did not run.
 *
 * @param engine "runnel" or "flink"
 * @param query q0 ... q22
 * @param status {@link #OK}, {@link #UNSUPPORTED} (the engine says it cannot run it yet, SQLSTATE 0A000
 *        for Runnel), {@link #ERROR} (any other failure), or {@link #SKIPPED}
 * @param error the engine's message when not ok
 * @param events events of the data set (all kinds), the numerator of every rate
 * @param runs warm-up and measured runs
 */
public record QueryResult(String engine, String query, String status, String error, long events,
        List<RunSample> runs) {
    public static final String OK = "ok";
    public static final String UNSUPPORTED = "unsupported";
    public static final String ERROR = "error";
    public static final String SKIPPED = "skipped";

    public QueryResult {
        runs = List.copyOf(runs);
    }

    public static QueryResult failed(String engine, String query, String status, String error, long events) {
        return new QueryResult(engine, query, status, error, events, List.of());
    }

    public boolean ok() {
        return OK.equals(status) && runs.stream().anyMatch(r -> !r.warmup());
    }

    /** Median over measured runs of events per wall-clock second. */
    public double eventsPerSecond() {
        return median(r -> events / (r.wallNanos() / 1e9));
    }

    /** Median over measured runs of events per second of execution alone. */
    public double eventsPerExecuteSecond() {
        return median(r -> events / (r.executeNanos() / 1e9));
    }

    /** Median over measured runs of events per CPU-second of the whole process. */
    public double eventsPerCpuSecond() {
        return median(r -> events / (r.cpuNanos() / 1e9));
    }

    /** Lowest and highest events/s of the measured runs. */
    public double[] eventsPerSecondRange() {
        double[] v = measured().mapToDouble(r -> events / (r.wallNanos() / 1e9)).sorted().toArray();
        return v.length == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {v[0], v[v.length - 1]};
    }

    public long maxPeakHeapBytes() {
        return measured().mapToLong(RunSample::peakHeapBytes).max().orElse(-1);
    }

    public long maxStateBytes() {
        return measured().mapToLong(RunSample::stateBytes).max().orElse(-1);
    }

    /** Result rows of the last measured run (-1 if unknown). */
    public long rows() {
        return measured().mapToLong(RunSample::rows).reduce((a, b) -> b).orElse(-1);
    }

    private java.util.stream.Stream<RunSample> measured() {
        return runs.stream().filter(r -> !r.warmup());
    }

    private double median(ToDoubleFunction<RunSample> f) {
        double[] v = measured().mapToDouble(f).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
