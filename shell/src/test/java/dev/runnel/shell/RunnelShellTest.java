package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line contract of SQL.md, run in-process against the embedded engine in a temporary
 * data directory: -e and -f with each output format, errors naming file, line and column, exit codes.
 */
class RunnelShellTest {
    static final String CREATE = "CREATE STREAM bids (auction BIGINT, price BIGINT, date_time TIMESTAMP(3))";
    static final String INSERT = "INSERT INTO bids VALUES (1, 100, TIMESTAMP '2026-01-01 00:00:01')";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        RunnelShell shell = new RunnelShell(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> {
                    throw new IOException("no terminal in this test");
                }, dir.resolve("history"));
        return shell.execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String dataDir() {
        return dir.resolve("data").toString();
    }

    @Test
    void executeWithCsvOutputPrintsAHeaderAndRows() {
        int code = run("--data-dir", dataDir(), "--output", "csv", "-e",
                CREATE + "; " + INSERT + "; SELECT auction, price, date_time FROM bids;");
        assertThat(code).as(err()).isZero();
        assertThat(out()).isEqualTo("auction,price,date_time\n1,100,2026-01-01 00:00:01.000\n");
        assertThat(err()).isNotBlank(); // the update messages, kept out of the CSV
    }

    @Test
    void executeWithTableOutputAlignsAndCounts() {
        int code = run("--data-dir", dataDir(), "-e", CREATE + "; " + INSERT + "; SELECT auction, price FROM bids;");
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("""
                 auction | price
                ---------+-------
                       1 |   100
                (1 row)
                """);
    }

    @Test
    void executeWithJsonOutputWritesObjectsPerLine() {
        int code = run("--data-dir", dataDir(), "-o", "JSON", "-e",
                CREATE + "; " + INSERT + "; SELECT auction, price, date_time FROM bids");
        assertThat(code).as(err()).isZero();
        assertThat(out()).isEqualTo("{\"auction\":1,\"price\":100,\"date_time\":\"2026-01-01 00:00:01.000\"}\n");
    }

    @Test
    void aPushQueryWithALimitStreamsItsRowsAndEnds() {
        int code = run("--data-dir", dataDir(), "-o", "csv", "-e",
                CREATE + "; " + INSERT + "; SELECT STREAM auction, price FROM bids LIMIT 1");
        assertThat(code).as(err()).isZero();
        assertThat(out()).isEqualTo("auction,price\n1,100\n");
    }

    @Test
    void dataSurvivesBetweenRunsInTheSameDirectory() {
        assertThat(run("--data-dir", dataDir(), "-e", CREATE + "; " + INSERT)).as(err()).isZero();
        out.reset();
        assertThat(run("--data-dir", dataDir(), "-o", "csv", "-e", "SELECT price FROM bids")).as(err()).isZero();
        assertThat(out()).isEqualTo("price\n100\n");
    }

    @Test
    void aScriptStopsAtItsFirstErrorAndNamesFileLineAndColumn() throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, CREATE + ";\n" + INSERT + ";\nSELECT pricee FROM bids;\nSELECT 1;\n");
        int code = run("--data-dir", dataDir(), "-f", script.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith(script + ": line 3, column 8: ").contains("pricee");
        assertThat(err().lines().count()).isEqualTo(1);
    }

    @Test
    void positionsInLaterStatementsAreScriptPositions() throws Exception {
        Path script = dir.resolve("s.sql");
        Files.writeString(script, CREATE + ";\n\n  -- comment\n     SELECT auction,\n       nope FROM bids;\n");
        assertThat(run("--data-dir", dataDir(), "-f", script.toString())).isEqualTo(1);
        assertThat(err()).startsWith(script + ": line 5, column 8: ");
    }

    @Test
    void aMissingScriptIsAnError() {
        assertThat(run("--data-dir", dataDir(), "-f", dir.resolve("nope.sql").toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("runnel: " + dir.resolve("nope.sql") + ": no such file\n");
    }

    @Test
    void badCommandLinesExitWithTwo() {
        assertThat(run("--output", "xml", "-e", "SELECT 1")).isEqualTo(2);
        assertThat(err()).contains("--output");
        err.reset();
        assertThat(run("-e", "SELECT 1", "-f", "x.sql")).isEqualTo(2);
        assertThat(err()).isEqualTo("runnel: use -e or -f, not both\n");
    }

    @Test
    void aClusterNeedsKafkaAndAKafkaLegalName() {
        assertThat(run("--cluster", "demo", "-e", "SELECT 1")).isEqualTo(2);
        assertThat(err()).startsWith("runnel: --cluster demo needs --kafka HOST:PORT");
        err.reset();
        assertThat(run("--kafka", "127.0.0.1:9", "--cluster", "my demo", "-e", "SELECT 1")).isEqualTo(2);
        assertThat(err()).startsWith("runnel: bad cluster name 'my demo'");
    }

    @Test
    void serverIsStartedByTheLauncherAndBenchIsNotThereYet() {
        assertThat(run("server", "--port", "9000")).isEqualTo(1);
        assertThat(err()).contains("runnel server: start it with bin/runnel server --port 9000");
        assertThat(run("bench", "nexmark", "--events", "10")).isEqualTo(1);
        assertThat(err()).contains("runnel bench: not available yet");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("runnel 0.");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--data-dir", "--url", "-e", "-f", "--output");
    }
}
