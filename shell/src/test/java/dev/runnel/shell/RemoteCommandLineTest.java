package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line contract (docs/sql.md, "The command line") against a server in another JVM:
 * {@code --url jdbc:runnel://127.0.0.1:PORT} with {@code -f} and each {@code --output}, errors
 * naming file, line and column, exit codes. Each test uses streams of its own on the shared server.
 */
@Timeout(120)
class RemoteCommandLineTest {
    @TempDir
    static Path serverDir;
    @TempDir
    Path dir;

    private static ServerProcess server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(serverDir.resolve("data"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private int run(String stdin, String... args) {
        RunnelShell shell = new RunnelShell(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> {
                    throw new IOException("no terminal in this test");
                }, dir.resolve("history"));
        return shell.execute(args);
    }

    private Path script(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String setUp(String stream) {
        return "CREATE STREAM " + stream + " (auction BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3));\n"
                + "INSERT INTO " + stream + " VALUES (1, 100, 'web', TIMESTAMP '2026-01-01 00:00:01'),\n"
                + "  (2, 1500, 'a, \"b\"', TIMESTAMP '2026-01-01 00:00:02'), (3, NULL, '', TIMESTAMP '2026-01-01 00:00:03');\n";
    }

    @Test
    void aScriptWithCsvOutputKeepsStandardOutputParseable() throws Exception {
        Path f = script("csv.sql", setUp("s_csv") + "SELECT auction, price, channel, date_time FROM s_csv ORDER BY auction;\n");
        int code = run("", "--url", server.url(), "--output", "csv", "-f", f.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("auction,price,channel,date_time\n"
                + "1,100,web,2026-01-01 00:00:01.000\n"
                + "2,1500,\"a, \"\"b\"\"\",2026-01-01 00:00:02.000\n" // RFC 4180: quoted, quotes doubled
                + "3,,\"\",2026-01-01 00:00:03.000\n"); // NULL empty, the empty string ""
        assertThat(err.toString(StandardCharsets.UTF_8)).isNotBlank(); // the statements' messages went here
    }

    @Test
    void jsonOutputIsOneObjectPerRowAndLine() throws Exception {
        Path f = script("json.sql", setUp("s_json") + "SELECT auction, price, channel FROM s_json WHERE auction < 3 ORDER BY auction;");
        int code = run("", "--url", server.url(), "-o", "json", "-f", f.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"auction":1,"price":100,"channel":"web"}
                {"auction":2,"price":1500,"channel":"a, \\"b\\""}
                """);
    }

    @Test
    void tableOutputAlignsAndCountsAndMessagesStayOnStandardOutput() throws Exception {
        Path f = script("table.sql", setUp("s_table") + "SELECT auction, price FROM s_table WHERE auction = 3;");
        int code = run("", "--url", server.url(), "-f", f.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("""
                 auction | price
                ---------+-------
                       3 |  NULL
                (1 row)
                """).contains("3 rows inserted into s_table"); // the server's own message (60391f2)
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aScriptFromStandardInputAndAPushQueryWithALimit() {
        int code = run(setUp("s_stdin") + "SELECT STREAM auction FROM s_stdin LIMIT 2;", "--url", server.url(), "-o", "csv",
                "-f", "-");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("auction\n1\n2\n");
    }

    @Test
    void theFirstErrorStopsTheScriptNamingFileLineAndColumn() throws Exception {
        Path f = script("bad.sql", setUp("s_bad") + "SELECT pricee FROM s_bad;\nINSERT INTO s_bad VALUES (9, 9, 'x', NULL);\n");
        int code = run("", "--url", server.url(), "-o", "csv", "-f", f.toString());
        assertThat(code).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).endsWith(f + ": line 4, column 8: unknown column 'pricee' (did you mean 'price'?)\n");
        assertThat(errors.lines().filter(l -> l.contains("line 4"))).hasSize(1);
        out.reset();
        assertThat(run("", "--url", server.url(), "-o", "csv", "-e", "SELECT COUNT(*) AS n FROM s_bad")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("n\n3\n"); // the INSERT after the error did not run
    }

    @Test
    void aServerThatIsNotThereIsExitCodeOne() {
        assertThat(run("", "--url", "jdbc:runnel://127.0.0.1:1", "-e", "SELECT 1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("runnel: cannot connect to jdbc:runnel://127.0.0.1:1: ");
    }
}
