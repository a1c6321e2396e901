package dev.runnel.bench.nexmark.report;

/**
 * A query's processing latency while events arrived at {@code rate} events/s for {@code seconds}
 * (see {@code LatencyRun}), in microseconds; or why it was not measured ({@code error}).
 *
 * @param blocks appended blocks measured (one every 10 ms per stream that got events)
 * @param drained whether every block had been processed within 10 s after the last append (false:
 *        the query fell behind the rate, and its percentiles leave out what never finished)
 */
public record LatencyResult(String query, long rate, double seconds, double p50Micros, double p99Micros,
        double maxMicros, long blocks, boolean drained, String error) {
    public static LatencyResult failed(String query, long rate, String error) {
        return new LatencyResult(query, rate, 0, Double.NaN, Double.NaN, Double.NaN, 0, false, error);
    }

    public boolean ok() {
        return error == null;
    }
}
