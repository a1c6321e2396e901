package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell as a person uses it: keys typed into an xterm-type terminal (JLine's
 * {@link ExternalTerminal}, whose line discipline turns Ctrl-C into the INT signal, as a pseudo-terminal
 * does), the screen read back, against a real server in another JVM reached as {@code --url
 * jdbc:runnel://127.0.0.1:PORT}.
 */
@Timeout(120)
class TerminalShellTest {
    @TempDir
    static Path serverDir;
    @TempDir
    Path dir;

    private static ServerProcess server;
    private PipedOutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private ExternalTerminal terminal;
    private CompletableFuture<Integer> session;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(serverDir.resolve("data"));
        try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
            s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT, date_time TIMESTAMP(3))");
            s.execute("INSERT INTO bids VALUES (1, 100, TIMESTAMP '2026-01-01 00:00:01')");
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** Opens the shell on a fresh terminal, 120 columns by 40 rows. */
    private void openShell() throws IOException, InterruptedException {
        keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        RunnelShell shell = new RunnelShell(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), () -> {
                    terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
                    terminal.setSize(new Size(120, 40));
                    return terminal;
                }, dir.resolve("history"));
        session = CompletableFuture.supplyAsync(() -> shell.execute("--url", server.url()));
        awaitScreen("runnel> ");
    }

    @AfterEach
    void closeShell() throws Exception {
        if (session != null && !session.isDone()) {
            type("\u0003\u0004"); // Ctrl-C, then Ctrl-D on an empty line
            session.get(30, TimeUnit.SECONDS);
        }
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the screen shows {@code text} after position {@code from}; returns where it ends. */
    private int awaitScreen(String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String s = screen();
            int at = s.indexOf(text, Math.min(from, s.length()));
            if (at >= 0) {
                return at + text.length();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed '" + text + "' after position " + from + ":\n"
                        + s.substring(Math.min(from, s.length())));
            }
            Thread.sleep(20);
        }
    }

    private int awaitScreen(String text) throws InterruptedException {
        return awaitScreen(text, 0);
    }

    @Test
    void tabAfterWhereOffersTheStreamsColumns() throws Exception {
        openShell();
        int mark = screen().length();
        type("SELECT price FROM bids WHERE \t");
        int listed = awaitScreen("possibilities", mark); // more candidates than fit: JLine asks first
        type("y");
        awaitScreen("date_time", listed);
        awaitScreen("_offset", listed);
        assertThat(screen().substring(listed)).contains("auction", "price", "WHERE", "UPPER");

        mark = screen().length();
        type("\u0015"); // Ctrl-U: clear the line
        type("SELECT price FROM bids WHERE auc\t");
        awaitScreen("auction", mark); // the one column that starts so: completed in place
        type(" = 1 AND price = 100;\r");
        int result = awaitScreen("(1 row)", mark);
        assertThat(screen().substring(mark, result)).contains("100");
        type("\\q\r");
        assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void ctrlCCancelsAPushQueryAndTheShellCarriesOnAtThePrompt() throws Exception {
        openShell();
        int mark = screen().length();
        type("SELECT STREAM auction, price FROM bids;\r");
        int row = awaitScreen("100", mark);
        Thread.sleep(200);
        type("\u0003"); // Ctrl-C, through the terminal's line discipline: the INT signal
        int cancelled = awaitScreen("query cancelled", row);
        awaitScreen("runnel> ", cancelled);
        type("SELECT COUNT(*) AS n FROM bids;\r");
        int counted = awaitScreen("(1 row)", cancelled);
        assertThat(screen().substring(cancelled, counted)).contains(" n").contains("1");
        type("\\q\r");
        assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aSubscriptionShowsItsChangesLiveWithAStatusLineUntilCtrlC() throws Exception {
        try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bids VALUES (7, 10, TIMESTAMP '2026-01-01 00:00:02')");
        }
        openShell();
        int mark = screen().length();
        type("SELECT STREAM auction, COUNT(*) AS n FROM bids WHERE auction = 7 GROUP BY auction;\r");
        int first = awaitScreen("          7 |          1 | ", mark);
        awaitScreen("streaming: ", mark); // the status line at the bottom (redrawn in place: only what changes)
        awaitScreen("Ctrl-C stops", mark);
        try (Connection c = DriverManager.getConnection(server.url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bids VALUES (7, 20, TIMESTAMP '2026-01-01 00:00:03')");
        }
        int updated = awaitScreen("          7 |          2 | ", first);
        String live = screen().substring(mark);
        assertThat(live).containsPattern("\u001b\\[[0-9;]*32[0-9;]*m\\+I"); // change kinds in colour
        assertThat(live).containsPattern("\u001b\\[[0-9;]*31[0-9;]*m-U");
        assertThat(live).containsPattern("\u001b\\[[0-9;]*33[0-9;]*m\\+U");
        type("\u0003");
        int end = awaitScreen("query cancelled", updated);
        assertThat(screen().substring(updated, end)).contains("(3 rows: 1 +I, 1 -U, 1 +U)");
        awaitScreen("runnel> ", end);
        type("\\q\r");
        assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void keywordsStringsAndNumbersAreHighlightedAsTheyAreTyped() throws Exception {
        openShell();
        int mark = screen().length();
        type("SELECT 'web', 42 FROM bids LIMIT 1;\r");
        int done = awaitScreen("(1 row)", mark);
        String typed = screen().substring(mark, done);
        assertThat(typed).containsPattern("\u001b\\[[0-9;]*34[0-9;]*mSELECT"); // blue (and bold)
        // JLine redraws only what changed as each key arrives: the string's characters come in green, the number's in cyan
        assertThat(typed).containsPattern("\u001b\\[[0-9;]*32[0-9;]*m'"); // green
        assertThat(typed).containsPattern("\u001b\\[[0-9;]*36[0-9;]*m4"); // cyan
        type("\\q\r");
        assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
    }
}
