package dev.runnel.bench.nexmark.run;

import dev.runnel.bench.nexmark.report.CheckResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares two result files of sorted {@link RowText} lines (Java {@code String} order) as
 * multisets, in one merge pass: counts the lines only one side has and keeps a few of each.
 */
public final class ResultCheck {
    private static final int EXAMPLES = 3;

    private ResultCheck() {}

    public static CheckResult compare(String query, long events, Path runnel, Path flink, String note)
            throws IOException {
        long runnelRows = 0;
        long flinkRows = 0;
        long onlyRunnel = 0;
        long onlyFlink = 0;
        List<String> examples = new ArrayList<>();
        int exR = 0;
        int exF = 0;
        try (BufferedReader a = Files.newBufferedReader(runnel, StandardCharsets.UTF_8);
             BufferedReader b = Files.newBufferedReader(flink, StandardCharsets.UTF_8)) {
            String x = a.readLine();
            String y = b.readLine();
            while (x != null || y != null) {
                int c = x == null ? 1 : y == null ? -1 : x.compareTo(y);
                if (c == 0) {
                    runnelRows++;
                    flinkRows++;
                    x = a.readLine();
                    y = b.readLine();
                } else if (c < 0) {
                    runnelRows++;
                    onlyRunnel++;
                    if (exR++ < EXAMPLES) {
                        examples.add("runnel: " + x);
                    }
                    x = a.readLine();
                } else {
                    flinkRows++;
                    onlyFlink++;
                    if (exF++ < EXAMPLES) {
                        examples.add("flink: " + y);
                    }
                    y = b.readLine();
                }
            }
        }
        String status = onlyRunnel == 0 && onlyFlink == 0 ? CheckResult.AGREE : CheckResult.DIFFER;
        return new CheckResult(query, status, events, runnelRows, flinkRows, onlyRunnel, onlyFlink,
                status.equals(CheckResult.AGREE) ? "" : note, examples);
    }
}
