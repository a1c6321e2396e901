package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scalar function goldens under {@code executor/src/test/resources/functions/}, checked against Apache
 * Flink SQL 2.3 (the runner in {@code ../shared/oracle/flink}, session time zone UTC).
 *
 * <p>A case is {@code NAME.sql}: a CREATE STREAM {@code t} with one partition, then one query over
 * it; a comment line {@code -- input: data/FILE.csv} names the csv loaded into {@code t} first
 * ({@code \N} is NULL, so an empty field is the empty string). {@code NAME.out} is what Flink printed
 * for {@code flink/NAME.sql}, the same query over the same file: one csv line per row, sorted,
 * NULL as {@code NULL}, strings quoted only around a comma, a quote or a line break. Runnel's rows,
 * printed the same way, must equal it exactly. ({@code FlinkFunctionsInterpretedTest} checks that the
 * interpreter the compiler falls back to agrees.)
 *
 * <p>Regenerating the Flink outputs (build the oracle in a copy, never in the shared folder):
 *
 * <pre>
 * cp -r ../shared/oracle/flink /tmp/flink-oracle &amp;&amp; (cd /tmp/flink-oracle &amp;&amp; mvn -q -B package -DskipTests)
 * cd executor/src/test/resources/functions
 * /tmp/flink-oracle/flink-sql.sh --var data=$PWD/data --out-dir . flink/*.sql
 * </pre>
 */
class FunctionGoldenTest {
    static final Path DIR = Path.of("src/test/resources/functions");

    @TestFactory
    Stream<DynamicTest> everyCaseGivesFlinksRows() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String input = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("-- input:")) {
                input = t.substring("-- input:".length()).strip();
            } else if (!t.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        List<String> statements = Arrays.stream(body.toString().split(";\\s*\n")).map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s).filter(s -> !s.isEmpty()).toList();
        String name = file.getFileName().toString().replaceAll("\\.sql$", "");
        List<String> expected = Files.readAllLines(file.resolveSibling(name + ".out"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isEmpty()).sorted().toList();
        try (Engine engine = Engines.open(EngineConfig.memory()); Session session = engine.openSession()) {
            for (String s : statements.subList(0, statements.size() - 1)) {
                session.execute(s);
            }
            session.execute("COPY t FROM '" + DIR.resolve(input).toAbsolutePath() + "' WITH (format = 'csv', null = '\\N')");
            String query = statements.get(statements.size() - 1);
            assertThat(rows(session, query)).as(name).isEqualTo(expected);
        }
    }

    private static List<String> rows(Session session, String query) {
        RowResult r = (RowResult) session.execute(query);
        List<String> rows = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            for (Object[] row : chunk) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    s.append(i == 0 ? "" : ",").append(value(row[i], r.columns().get(i).type()));
                }
                rows.add(s.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }

    /** A value as Flink's oracle prints it. */
    static String value(Object v, DataType type) {
        if (v == null) {
            return "NULL";
        }
        if (type.kind() != TypeKind.VARCHAR) {
            return ResultText.value(v, type);
        }
        String s = v.toString();
        if (s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
