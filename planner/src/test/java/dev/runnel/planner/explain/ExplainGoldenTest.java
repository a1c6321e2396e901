package dev.runnel.planner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.testing.Planning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden EXPLAIN tests, one file pair per feature under {@code planner/src/test/resources/explain/}:
 * {@code NAME.sql} holds one query, {@code SELECT STREAM} or INSERT (leading {@code --} lines say
 * what it shows) planned against {@code TestCatalog.standard()}, and {@code NAME.explain} the
 * EXPLAIN output expected for it. Any difference fails the test.
 *
 * <p>After an intended plan change, regenerate the expected files and review them as a diff:
 *
 * <pre>
 * mvn -B test -pl planner -Dtest=ExplainGoldenTest -Drunnel.golden.update=true
 * git diff planner/src/test/resources/explain
 * </pre>
 *
 * A new feature gets a new {@code .sql} file; the first run with the flag writes its {@code .explain}.
 */
class ExplainGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/explain");
    private static final boolean UPDATE = Boolean.getBoolean("runnel.golden.update");

    @TestFactory
    Stream<DynamicTest> everyGoldenFileExplainsAsRecorded() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(DIR)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(inputs).as("golden inputs in " + DIR.toAbsolutePath()).isNotEmpty();
        return inputs.stream().map(sql -> DynamicTest.dynamicTest(sql.getFileName().toString(), () -> check(sql)));
    }

    private static void check(Path sqlFile) throws IOException {
        String sql = Files.readString(sqlFile, StandardCharsets.UTF_8).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        String actual = String.join("\n", Planning.explain(sql)) + "\n";
        Path expectedFile = sqlFile.resolveSibling(sqlFile.getFileName().toString().replaceAll("\\.sql$", ".explain"));
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expectedFile).as("expected output; run with -Drunnel.golden.update=true to create it").exists();
        assertThat(actual).as("EXPLAIN of " + sqlFile.getFileName())
                .isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }
}
