package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.TerminalBuilder;
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
                () -> TerminalBuilder.builder().streams(in, terminalOut).dumb(true).type("dumb")
                        .encoding(StandardCharsets.UTF_8).build(),
                dir.resolve("history"));
        int code = shell.execute("--data-dir", dir.resolve("data").toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return terminalOut.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStatementOverSeveralLinesRunsAtItsSemicolon() throws Exception {
        String screen = session(RunnelShellTest.CREATE + ";\n" + RunnelShellTest.INSERT + ";\n"
                + "SELECT auction,\n   price\n FROM bids;\n\\q\n");
        assertThat(screen).contains("runnel> ", Repl.CONTINUATION.strip());
        assertThat(screen).contains(" auction | price", "       1 |   100", "(1 row)");
        assertThat(Files.readString(dir.resolve("history"))).contains("FROM bids;");
    }

    @Test
    void errorsShowTheirPositionAndTheShellCarriesOn() {
        String screen = session("SELECT nope FROM nowhere;\nquit\n");
        assertThat(screen).contains("error: line 1, column ");
    }

    @Test
    void endOfInputLeaves() {
        String screen = session("help\n");
        assertThat(screen).contains("End each statement with ;");
    }
}
