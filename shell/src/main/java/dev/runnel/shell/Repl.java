package dev.runnel.shell;

import dev.runnel.shell.output.OutputFormat;
import dev.runnel.shell.script.ScriptStatement;
import dev.runnel.shell.script.SqlScript;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: reads statements (several lines until {@code ;}) with history and line
 * editing, runs them, prints results as readable tables, push-query rows as they arrive. Ctrl-C
 * cancels the running statement (or clears the line being typed); Ctrl-D, {@code \q}, {@code quit}
 * or {@code exit} leave. Runs on the calling thread; Ctrl-C arrives on JLine's signal thread.
 */
final class Repl {
    static final String PROMPT = "runnel> ";
    static final String CONTINUATION = "     -> ";

    private final Connection connection;
    private final Terminal terminal;
    private final Path historyFile;
    private final OutputFormat format;
    private final String banner;

    Repl(Connection connection, Terminal terminal, Path historyFile, OutputFormat format, String banner) {
        this.connection = connection;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.format = format;
        this.banner = banner;
    }

    /** Runs until the user leaves; returns the exit code (0). */
    int run() {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("runnel")
                .parser(new SqlLineParser())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL, not history
                .build();
        PrintWriter out = terminal.writer();
        StatementRunner runner = new StatementRunner(connection, format, out, out, out);
        out.println(banner);
        out.flush();
        while (true) {
            String input;
            try {
                input = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C while typing drops the line
            } catch (EndOfFileException e) {
                break; // Ctrl-D
            }
            String command = input.strip();
            if (command.isEmpty()) {
                continue;
            }
            if (SqlLineParser.isCommand(command)) {
                if (command.equals("\\q") || command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("exit")) {
                    break;
                }
                out.println(command.equals("\\?") || command.equalsIgnoreCase("help") ? help()
                        : "unknown command " + command + " (\\? for help)");
                out.flush();
                continue;
            }
            for (ScriptStatement statement : SqlScript.split(input)) {
                runCancellable(runner, statement, out);
            }
        }
        out.flush();
        return 0;
    }

    private void runCancellable(StatementRunner runner, ScriptStatement statement, PrintWriter out) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        try {
            runner.run(statement);
        } catch (SQLException e) {
            out.println("57014".equals(e.getSQLState()) ? "query cancelled" : "error: " + StatementRunner.describe(e, statement, null));
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            out.flush();
        }
    }

    private static String help() {
        return """
                End each statement with ;  (it may span several lines).
                  SHOW STREAMS; SHOW TABLES; SHOW MATERIALIZED VIEWS; DESCRIBE name;
                  SELECT ... ;            rows there now
                  SELECT STREAM ... ;     rows as they arrive, until Ctrl-C
                Ctrl-C cancels a running statement, Ctrl-D or \\q leaves.""";
    }
}
