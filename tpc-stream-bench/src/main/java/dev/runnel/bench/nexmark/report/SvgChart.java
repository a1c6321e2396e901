package dev.runnel.bench.nexmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A hand-written SVG of a report: per query that ran, a bar per engine on a log scale, in two
 * panels (events per wall-clock second; events per CPU-second of the whole process). Stateless.
 */
public final class SvgChart {
    private static final String RUNNEL = "#2b6cb0";
    private static final String FLINK = "#dd6b20";
    private static final int LABEL = 48;
    private static final int PANEL = 400;
    private static final int GAP = 70;
    private static final int ROW = 30;
    private static final int TOP = 70;

    private SvgChart() {}

    public static String render(BenchReport report) {
        List<String> shown = new ArrayList<>();
        for (String q : report.queries()) {
            if (report.result("runnel", q).map(QueryResult::ok).orElse(false)
                    || report.result("flink", q).map(QueryResult::ok).orElse(false)) {
                shown.add(q);
            }
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (QueryResult r : report.results()) {
            if (r.ok()) {
                for (double v : new double[] {r.eventsPerSecond(), r.eventsPerCpuSecond()}) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1e5;
            hi = 1e7;
        }
        int minExp = (int) Math.floor(Math.log10(lo));
        int maxExp = (int) Math.ceil(Math.log10(hi * 1.0001));
        if (maxExp <= minExp) {
            maxExp = minExp + 1;
        }
        int width = LABEL + 2 * PANEL + GAP + 70;
        int height = TOP + Math.max(1, shown.size()) * ROW + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">"
                + "Nexmark, %s events, %s (log scale; median of %d runs)</text>%n", LABEL,
                Numbers.shortCount(report.events()), esc(report.date().substring(0, 10)), report.runs()));
        legend(s, LABEL, 36, RUNNEL, "Runnel (bounded query over the log)");
        if (report.compared()) {
            legend(s, LABEL + 260, 36, FLINK, "Flink 2.3 (MiniCluster, parallelism 1)");
        }
        panel(s, report, shown, LABEL, "events per second", QueryResult::eventsPerSecond, minExp, maxExp);
        panel(s, report, shown, LABEL + PANEL + GAP, "events per CPU-second (whole process)",
                QueryResult::eventsPerCpuSecond, minExp, maxExp);
        for (int i = 0; i < shown.size(); i++) {
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>%n", TOP + i * ROW + 18,
                    shown.get(i)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, BenchReport report, List<String> shown, int x0, String title,
            ToDoubleFunction<QueryResult> metric, int minExp, int maxExp) {
        int bottom = TOP + Math.max(1, shown.size()) * ROW;
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0,
                TOP - 12, esc(title)));
        for (int e = minExp; e <= maxExp; e++) {
            double x = x0 + (double) (e - minExp) / (maxExp - minExp) * PANEL;
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>%n", x, TOP - 4, x, bottom));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s"
                    + "</text>%n", x, bottom + 14, power(e)));
        }
        for (int i = 0; i < shown.size(); i++) {
            int y = TOP + i * ROW;
            bar(s, report.result("runnel", shown.get(i)).orElse(null), metric, x0, y + 2, RUNNEL, minExp, maxExp);
            bar(s, report.result("flink", shown.get(i)).orElse(null), metric, x0, y + 14, FLINK, minExp, maxExp);
        }
    }

    /** 10^e as an axis label: 1K, 10K, 100K, 1M, ... */
    static String power(int e) {
        String[] units = {"", "K", "M", "G"};
        int u = Math.min(3, Math.max(0, e / 3));
        return (long) Math.pow(10, e - 3 * u) + units[u];
    }

    private static void bar(StringBuilder s, QueryResult r, ToDoubleFunction<QueryResult> metric, int x0, int y,
            String color, int minExp, int maxExp) {
        if (r == null) {
            return;
        }
        if (!r.ok()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", x0 + 2, y + 10,
                    color, esc(r.status())));
            return;
        }
        double v = metric.applyAsDouble(r);
        double frac = (Math.log10(v) - minExp) / (maxExp - minExp);
        double w = Math.max(1, frac * PANEL);
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>%n",
                x0, y, w, color));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x0 + w + 3, y + 9,
                Numbers.rate(v)));
    }

    private static void legend(StringBuilder s, int x, int y, String color, String text) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>%n", x,
                y - 9, color));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 16, y, esc(text)));
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
