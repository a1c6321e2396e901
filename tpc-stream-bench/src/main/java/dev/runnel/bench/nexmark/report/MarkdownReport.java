package dev.runnel.bench.nexmark.report;

import java.util.Locale;

/**
 * The Markdown summary of a report: setup, one table row per query (median rates of both engines,
 * their ratio, rows, the result check), then every query an engine could not run with the
 * engine's own message. Stateless.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** @param chart relative link to the SVG chart, or null for none */
    public static String render(BenchReport r, String chart) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Run %s UTC: `%s`%n%n", r.date().replace('T', ' ').replaceAll("\\.\\d+Z$", "")
                .replace("Z", ""), r.command()));
        s.append("* Machine: ").append(r.machine().describe()).append(".\n");
        s.append(String.format(Locale.ROOT, "* Data: %s events (%s persons, %s auctions, %s bids), generator %s; "
                + "generated and loaded into Runnel's log in %.1f s (%s events/s).%n",
                Numbers.count(r.events()), Numbers.count(r.eventsByKind().getOrDefault("person", -1L)),
                Numbers.count(r.eventsByKind().getOrDefault("auction", -1L)),
                Numbers.count(r.eventsByKind().getOrDefault("bid", -1L)), r.generator(), r.loadNanos() / 1e9,
                Numbers.rate(r.events() / (r.loadNanos() / 1e9))));
        s.append("* Runnel").append(r.build() == null ? "" : " (checkout " + r.build() + ")").append(": ")
                .append(r.runnelPath()).append(".\n");
        if (r.compared()) {
            s.append("* Flink: ").append(r.flinkSetup()).append(".\n");
        }
        s.append(String.format(Locale.ROOT, "* Each query: %d warm-up run(s), then the median of %d measured runs. "
                + "events/s = all %s events of the data set / wall time of the run (so a query over bids alone "
                + "still counts persons and auctions, as Nexmark does); events/CPU-s divides by the CPU time of "
                + "the whole process (every thread: JIT, GC, Flink's runtime).%n%n", r.warmup(), r.runs(),
                Numbers.count(r.events())));
        if (chart != null) {
            s.append("![Nexmark throughput](").append(chart).append(")\n\n");
        }
        if (r.compared()) {
            s.append("| query | Runnel events/s | Runnel events/CPU-s | Flink events/s | Flink events/CPU-s "
                    + "| Runnel ÷ Flink (events/s) | Runnel ÷ Flink (CPU) | result rows | same result as Flink"
                    + r.checks().stream().findFirst().map(c -> " (on " + Numbers.shortCount(c.events()) + " events)")
                            .orElse("") + "? | peak heap Runnel / Flink |\n");
            s.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        } else {
            s.append("| query | Runnel events/s | Runnel events/CPU-s | result rows | peak heap |\n");
            s.append("| --- | ---: | ---: | ---: | --- |\n");
        }
        for (String q : r.queries()) {
            QueryResult rn = r.result("runnel", q).orElse(null);
            QueryResult fl = r.result("flink", q).orElse(null);
            double re = rn != null && rn.ok() ? rn.eventsPerSecond() : Double.NaN;
            double rc = rn != null && rn.ok() ? rn.eventsPerCpuSecond() : Double.NaN;
            String rs = rn == null ? "–" : rn.ok() ? Numbers.rate(re) : rn.status();
            String rcs = rn != null && rn.ok() ? Numbers.rate(rc) : "–";
            if (r.compared()) {
                double fe = fl != null && fl.ok() ? fl.eventsPerSecond() : Double.NaN;
                double fc = fl != null && fl.ok() ? fl.eventsPerCpuSecond() : Double.NaN;
                String fs = fl == null ? "–" : fl.ok() ? Numbers.rate(fe) : fl.status();
                String check = r.check(q).map(c -> c.status() + (c.status().equals(CheckResult.DIFFER)
                        ? " (" + c.onlyRunnel() + " / " + c.onlyFlink() + " rows only in Runnel / Flink)" : "")).orElse("–");
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |%n", q,
                        rs, rcs, fs, fl != null && fl.ok() ? Numbers.rate(fc) : "–", Numbers.ratio(re, fe),
                        Numbers.ratio(rc, fc), rn != null && rn.ok() ? Numbers.count(rn.rows()) : "–", check,
                        rn != null && rn.ok() ? Numbers.mib(rn.maxPeakHeapBytes()) : "–",
                        fl != null && fl.ok() ? Numbers.mib(fl.maxPeakHeapBytes()) : "–"));
            } else {
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", q, rs, rcs,
                        rn != null && rn.ok() ? Numbers.count(rn.rows()) : "–",
                        rn != null && rn.ok() ? Numbers.mib(rn.maxPeakHeapBytes()) : "–"));
            }
        }
        latencies(s, r);
        failures(s, r, "runnel", "Queries Runnel cannot run yet (its error, as a user sees it)");
        if (r.compared()) {
            failures(s, r, "flink", "Queries Flink did not run");
            boolean any = false;
            for (CheckResult c : r.checks()) {
                if (!c.status().equals(CheckResult.AGREE)) {
                    if (!any) {
                        s.append("\nResult checks that did not agree row for row, or were skipped:\n\n");
                        any = true;
                    }
                    s.append("* ").append(c.query()).append(": ").append(c.status());
                    if (c.note() != null && !c.note().isEmpty()) {
                        s.append(" — ").append(c.note());
                    }
                    for (String e : c.examples()) {
                        s.append("\n  `").append(e.replace("`", "'")).append('`');
                    }
                    s.append('\n');
                }
            }
        }
        return s.toString();
    }

    private static void latencies(StringBuilder s, BenchReport r) {
        if (r.latencies().isEmpty()) {
            return;
        }
        LatencyResult first = r.latencies().get(0);
        s.append(String.format(Locale.ROOT, "%nRunnel's processing latency while events arrive (%s events/s for %.0f s, "
                + "a block appended every 10 ms; from the start of a block's append to the moment the continuous query has "
                + "processed all of it and emitted what it made due — results a window holds until the watermark "
                + "passes are not counted):%n%n| query | p50 | p99 | max | blocks | kept up |%n| --- | ---: | ---: | ---: "
                + "| ---: | --- |%n", Numbers.rate(first.rate()), first.seconds()));
        for (LatencyResult l : r.latencies()) {
            if (!l.ok()) {
                s.append("| ").append(l.query()).append(" | – | – | – | – | ").append(shorten(l.error())
                        .replace("|", "\\|").replace("`", "'")).append(" |\n");
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,d | %s |%n", l.query(), millis(l.p50Micros()),
                    millis(l.p99Micros()), millis(l.maxMicros()), l.blocks(), l.drained() ? "yes" : "no (fell behind)"));
        }
    }

    private static String millis(double micros) {
        return micros < 1000 ? String.format(Locale.ROOT, "%.0f µs", micros)
                : String.format(Locale.ROOT, "%.1f ms", micros / 1000);
    }

    /** The first line of a message, cut at 300 characters (the JSON report has it whole). */
    static String shorten(String message) {
        String one = message.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= 300 ? one : one.substring(0, 300) + " …";
    }

    private static void failures(StringBuilder s, BenchReport r, String engine, String title) {
        boolean any = false;
        for (String q : r.queries()) {
            QueryResult res = r.result(engine, q).orElse(null);
            if (res == null || res.ok()) {
                continue;
            }
            if (!any) {
                s.append('\n').append(title).append(":\n\n");
                any = true;
            }
            s.append("* ").append(q).append(" (").append(res.status()).append("): ")
                    .append(res.error() == null ? "" : "`" + shorten(res.error()).replace("`", "'") + "`")
                    .append('\n');
        }
    }
}
