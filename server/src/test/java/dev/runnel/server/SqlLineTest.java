package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/**
 * sqlline 1.12, a generic command-line JDBC client that knows nothing of Runnel, against embedded
 * and remote Runnel: it lists tables and columns from DatabaseMetaData, describes a stream, runs a
 * query and a push query with LIMIT.
 */
class SqlLineTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = String.join("\n",
            "!tables",
            "!columns bids",
            "!describe bids",
            "SELECT auction, channel FROM bids ORDER BY auction;",
            "SELECT STREAM auction FROM bids LIMIT 2;",
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'runnel';",
            "!quit", "");

    @Test
    void embedded() throws Exception {
        String url = "jdbc:runnel:file:" + dir.resolve("embedded");
        setUp(url);
        check(run(url));
    }

    @Test
    void remote() throws Exception {
        try (Engine engine = Engines.open(EngineConfig.file(dir.resolve("remote")));
                RunnelServer server = RunnelServer.start(engine, "127.0.0.1", 0)) {
            String url = "jdbc:runnel://127.0.0.1:" + server.port();
            setUp(url);
            check(run(url));
        }
    }

    private static void setUp(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(EmbeddedEngineJdbcTest.CREATE_BIDS);
            s.executeUpdate("INSERT INTO bids VALUES (1, 7, 100, 'web', 'x', TIMESTAMP '2026-01-01 00:00:01', ''),"
                    + " (2, 8, 250, 'app', 'y', TIMESTAMP '2026-01-01 00:00:02', ''),"
                    + " (3, 9, 300, 'web', 'z', TIMESTAMP '2026-01-01 00:00:03', '')");
        }
    }

    private String run(String url) throws Exception {
        SqlLine sqlline = new SqlLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sqlline.setOutputStream(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        sqlline.setErrorStream(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        String[] args = {"-u", url, "-n", "", "-p", "", "-d", "dev.runnel.jdbc.RunnelDriver",
                "--color=false", "--incremental=true", "--historyFile=" + dir.resolve("history"),
                "--maxWidth=300", "--outputformat=table"};
        SqlLine.Status status = sqlline.begin(args,
                new ByteArrayInputStream(SCRIPT.getBytes(StandardCharsets.UTF_8)), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isEqualTo(SqlLine.Status.OK);
        return text;
    }

    private static void check(String out) {
        assertThat(out).doesNotContain("Error").doesNotContain("Exception");
        // !tables: the stream with its type, and information_schema's system tables
        assertThat(lineWith(out, "| bids ")).contains("| runnel ").contains("| STREAM ");
        assertThat(lineWith(out, "| columns ")).contains("| information_schema ").contains("| SYSTEM TABLE ");
        // !columns and !describe: columns with their types
        assertThat(lineWith(out, "| auction ")).contains("| BIGINT ");
        assertThat(lineWith(out, "| date_time ")).contains("TIMESTAMP");
        assertThat(out).contains("| _offset ");
        // the query and the push query
        assertThat(out).containsPattern("\\| 1 +\\| web +\\|").containsPattern("\\| 2 +\\| app +\\|")
                .containsPattern("\\| 3 +\\| web +\\|");
        assertThat(out).contains("3 rows selected");
        assertThat(out).contains("2 rows selected");
        assertThat(out).contains("1 row selected");
        assertThat(lineWith(out, "| table_name ")).isNotEmpty();
    }

    private static String lineWith(String out, String needle) {
        for (String line : out.split("\n")) {
            if (line.contains(needle)) {
                return line;
            }
        }
        throw new AssertionError("no line with '" + needle + "' in:\n" + out);
    }

    static List<String> lines(String out) {
        return List.of(out.split("\n"));
    }
}
