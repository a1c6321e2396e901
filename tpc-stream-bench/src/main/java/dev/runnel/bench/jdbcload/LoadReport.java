package dev.runnel.bench.jdbcload;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The run as Markdown: set-up, machine, throughput, latency percentiles, checks. Stateless. */
final class LoadReport {
    private LoadReport() {}

    static String markdown(JdbcLoadCommand c, JdbcLoadCommand.LoadResult r) {
        double secs = r.elapsedNanos / 1e9;
        StringBuilder b = new StringBuilder();
        b.append("### jdbc-load, ").append(r.date()).append("\n\n");
        b.append(String.format(Locale.ROOT, "`runnel-bench jdbc-load --clients %d --push %d --seconds %d --rate %d --batch %d --ingest %s "
                        + "--lookup-rate %s --auctions %d --consistency %s` (%d s warm-up first; server JVM `%s`)%n%n",
                c.clients, c.push, c.seconds, c.rate, c.batch, c.ingest, trim(c.lookupRate), c.auctions, c.consistency, c.warmup,
                c.serverJvm));
        b.append("Machine: ").append(r.machine.describe()).append(String.format(Locale.ROOT, ", %.1f at the end of the measured "
                + "time. Server and clients on this one machine, over 127.0.0.1.%n%n", r.loadAverageAtEnd));
        b.append("| measured | value |\n| --- | --- |\n");
        row(b, "time measured", String.format(Locale.ROOT, "%.1f s", secs));
        row(b, "bids inserted (acknowledged)", String.format(Locale.ROOT, "%,d (%,.0f/s)", r.bids, r.bids / secs));
        row(b, "point lookups", String.format(Locale.ROOT, "%,d (%,.0f/s), %.1f%% found their auction", r.lookups,
                r.lookups / secs, r.lookupsTotal == 0 ? 0 : 100.0 * r.lookupsFound / r.lookupsTotal));
        row(b, "changes delivered to subscribers", String.format(Locale.ROOT, "%,d (%,.0f/s over %d subscribers)", r.changes,
                r.changes / secs, c.push));
        row(b, "server CPU", r.serverCpu == null ? "n/a"
                : String.format(Locale.ROOT, "%.2f cores on average", r.serverCpu.toNanos() / (double) r.elapsedNanos));
        row(b, "clients' CPU (this JVM)", r.clientCpu == null ? "n/a"
                : String.format(Locale.ROOT, "%.2f cores on average", r.clientCpu.toNanos() / (double) r.elapsedNanos));
        row(b, "errors", Long.toString(r.errors));
        row(b, "violations (wrong answers)", Long.toString(r.violations));
        r.violationKinds.forEach((kind, n) -> row(b, "&nbsp;&nbsp;" + kind, Long.toString(n)));
        row(b, "final view", String.format(Locale.ROOT, "%,d rows, %s (%,d bids in all; %s)", r.viewRows,
                r.viewMatchesBook ? "equal to the acknowledged bids" : "NOT equal to the acknowledged bids", r.totalBids,
                r.viewLine));
        row(b, "subscribers' copies equal to the view", String.format(Locale.ROOT, "%d of %d, %,d ms after the load stopped",
                r.subscribersMatching, c.push, r.settleMillis));
        row(b, "server stop (SIGTERM)", (r.cleanStop() ? "clean, exit code " : "NOT clean, exit code ") + r.serverExit);
        b.append("\n| latency (ms) | p50 | p90 | p99 | p99.9 | max | count |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        latency(b, "point lookup, round trip", r.roundTrip);
        latency(b, "point lookup, from when it was due", r.fromSchedule);
        latency(b, c.statementName().replace("s of", " of"), r.insert);
        b.append("\nResult: ").append(r.passed() ? "**passed** (no errors, no wrong answers, nothing dropped)" : "**FAILED**")
                .append('\n');
        if (!r.messages.isEmpty()) {
            b.append("\nFirst problems:\n\n");
            for (String m : r.messages) {
                b.append("* ").append(m).append('\n');
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String what, String value) {
        b.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    private static void latency(StringBuilder b, String what, Histogram h) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d |%n", what, ms(h, 50), ms(h, 90), ms(h, 99),
                ms(h, 99.9), h.getTotalCount() == 0 ? "-" : fmt(h.getMaxValue()), h.getTotalCount()));
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : fmt(h.getValueAtPercentile(percentile));
    }

    private static String fmt(long micros) {
        double ms = micros / 1000.0;
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms) : ms < 100 ? String.format(Locale.ROOT, "%.1f", ms)
                : String.format(Locale.ROOT, "%.0f", ms);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
