package dev.runnel.bench.nexmark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link BenchReport} as {@code results.json} (the whole report), {@code results.csv} (one
 * line per run, or per query that did not run), {@code nexmark.svg} and {@code nexmark.md}.
 */
public final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {}

    public static void writeAll(BenchReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("results.json").toFile(), report);
        Files.writeString(dir.resolve("results.csv"), csv(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nexmark.svg"), SvgChart.render(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("nexmark.md"), MarkdownReport.render(report, "nexmark.svg"),
                StandardCharsets.UTF_8);
    }

    public static String csv(BenchReport report) {
        StringBuilder sb = new StringBuilder("engine,query,status,run,warmup,events,wall_ms,execute_ms,cpu_ms,"
                + "events_per_s,events_per_cpu_s,peak_heap_bytes,state_bytes,rows,gc_ms,error\n");
        for (QueryResult q : report.results()) {
            if (q.runs().isEmpty()) {
                sb.append(q.engine()).append(',').append(q.query()).append(',').append(q.status())
                        .append(",,,").append(q.events()).append(",,,,,,,,,,").append(quote(q.error())).append('\n');
                continue;
            }
            for (RunSample r : q.runs()) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%b,%d,%.3f,%.3f,%.3f,%.0f,%.0f,%d,%d,%d,%d,%s%n",
                        q.engine(), q.query(), q.status(), r.run(), r.warmup(), q.events(), r.wallNanos() / 1e6,
                        r.executeNanos() / 1e6, r.cpuNanos() / 1e6, q.events() / (r.wallNanos() / 1e9),
                        q.events() / (r.cpuNanos() / 1e9), r.peakHeapBytes(), r.stateBytes(), r.rows(),
                        r.gcMillis(), quote(q.error())));
            }
        }
        return sb.toString();
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return '"' + one.replace("\"", "\"\"") + '"';
    }
}
