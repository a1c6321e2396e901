package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell, driven through a dumb terminal over piped input. */
class ReplTest {
    @TempDir
    Path dir;

    private String session(String input) {
        ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        RunnelShell shell = new RunnelShell(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                // A dumb terminal reading the piped input as it goes (TerminalBuilder's stream terminal
                // pumps input on a thread and drops what is unread once the input ends).
                () -> new DumbTerminal("test", "dumb", in, terminalOut, StandardCharsets.UTF_8),
                dir.resolve("history"));
        int code = shell.execute("--data-dir", dir.resolve("data").toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return terminalOut.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStatementOverSeveralLinesRunsAtItsSemicolon() throws Exception {
        String screen = session(RunnelShellTest.CREATE + ";\n" + RunnelShellTest.INSERT + ";\n"
                + "SELECT auction,\n   price\n FROM bids;\n\\q\n");
        assertThat(screen).contains("runnel> created stream bids", "runnel> 1 row inserted into bids");
        assertThat(screen).contains(" auction | price", "       1 |   100", "(1 row)");
        assertThat(Files.readString(dir.resolve("history"))).contains("FROM bids;");
    }

    @Test
    void errorsShowTheirPositionAndTheShellCarriesOn() {
        String screen = session("SELECT nope FROM nowhere;\nquit\n");
        assertThat(screen).contains("error: line 1, column ");
    }

    @Test
    void timingShowsHowLongEachStatementTook() {
        String screen = session("\\timing\n" + RunnelShellTest.CREATE + ";\nSELECT * FROM bids;\n\\timing\nSELECT * FROM bids;\n\\q\n");
        assertThat(screen).contains("Timing is on.", "Timing is off.");
        assertThat(screen.split("Time: ", -1)).hasSize(3); // two statements timed, the third not
        assertThat(screen).containsPattern("Time: \\d+\\.\\d{3} ms");
    }

    @Test
    void endOfInputLeaves() {
        String screen = session("help\n");
        assertThat(screen).contains("End each statement with ;");
    }

    @Test
    void ctrlCCancelsAPushQueryAndTheShellCarriesOn() throws Exception {
        Path data = dir.resolve("data");
        RunnelShell setup = new RunnelShell(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), () -> null, dir.resolve("history"));
        assertThat(setup.execute("--data-dir", data.toString(), "-e",
                RunnelShellTest.CREATE + "; " + RunnelShellTest.INSERT)).isZero();

        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        AtomicReference<Terminal> terminal = new AtomicReference<>();
        RunnelShell shell = new RunnelShell(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), () -> {
                    terminal.set(new DumbTerminal("test", "dumb", in, screen, StandardCharsets.UTF_8));
                    return terminal.get();
                }, dir.resolve("history"));
        CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> shell.execute("--data-dir", data.toString()));

        keys.write("SELECT STREAM auction, price FROM bids;\n".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        awaitScreen(screen, "       1 |        100");
        terminal.get().raise(Terminal.Signal.INT); // what Ctrl-C does while a statement runs
        awaitScreen(screen, "query cancelled");
        keys.write("SELECT price FROM bids;\n\\q\n".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        assertThat(session.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("(1 row)\nquery cancelled", "(1 row)");
    }

    private static void awaitScreen(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("screen never showed '" + text + "':\n" + screen.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }
}
