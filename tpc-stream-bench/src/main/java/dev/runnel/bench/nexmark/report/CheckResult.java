package dev.runnel.bench.nexmark.report;

import java.util.List;

/**
 * Whether Runnel's result of a query equals Flink's on the same events, compared as sorted lines of
 * text ({@code RowText}).
 *
 * @param status {@link #AGREE}, {@link #DIFFER}, or {@link #SKIPPED} (with the reason in {@code note})
 * @param events events of the data set both engines read
 * @param runnelRows rows of Runnel's result (-1 if it has none)
 * @param flinkRows rows of Flink's final result (changelog applied; -1 if none)
 * @param onlyRunnel rows Runnel has and Flink has not (counted with multiplicity)
 * @param onlyFlink rows Flink has and Runnel has not
 * @param examples up to a few rows of each kind, prefixed {@code runnel: } or {@code flink: }
 */
public record CheckResult(String query, String status, long events, long runnelRows, long flinkRows,
        long onlyRunnel, long onlyFlink, String note, List<String> examples) {
    public static final String AGREE = "agree";
    /** A query on processing time whose totals (not rows) agree, see {@code NexmarkQuery.CHECKED_BY}. */
    public static final String AGREE_ON_TOTALS = "agree on totals";
    public static final String DIFFER = "differ";
    public static final String SKIPPED = "skipped";

    public CheckResult {
        examples = List.copyOf(examples);
    }

    public static CheckResult skipped(String query, long events, String note) {
        return new CheckResult(query, SKIPPED, events, -1, -1, 0, 0, note, List.of());
    }
}
