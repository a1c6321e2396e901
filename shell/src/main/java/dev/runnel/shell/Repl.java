package dev.runnel.shell;

import dev.runnel.jdbc.RunnelConnection;
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
 * The interactive shell: reads statements (several lines until {@code ;}) with history, line
 * editing, completion and syntax highlighting, runs them, prints results as readable tables, and a
 * push query's rows live as they arrive ({@link LiveStreamView}). Ctrl-C
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
    private boolean timing;
    private int progressWidth;
    /** Whether the running statement has printed anything: its progress line ends then. */
    private volatile boolean printed;
    /** When the engine last sent a progress line (System.nanoTime), 0 if never for this statement. */
    private volatile long engineProgressAt;

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
                .completer(new SqlCompleter(connection))
                .highlighter(new SqlHighlighter(driverKeywords()))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL, not history
                .option(LineReader.Option.CASE_INSENSITIVE, true) // "sel<TAB>" completes SELECT
                .build();
        PrintWriter out = terminal.writer();
        try {
            if (connection.isWrapperFor(RunnelConnection.class)) {
                connection.unwrap(RunnelConnection.class).setProgressListener(line -> {
                    engineProgressAt = System.nanoTime();
                    progress(out, line);
                });
            }
        } catch (SQLException e) {
            // no progress line then
        }
        // whatever the statement prints starts on a fresh line, after COPY's in-place progress line
        PrintWriter screen = out;
        PrintWriter results = new PrintWriter(out, true) {
            @Override
            public void write(String str, int offset, int length) {
                printed = true;
                endProgress(screen);
                super.write(str, offset, length);
            }

            @Override
            public void write(char[] buf, int offset, int length) {
                printed = true;
                endProgress(screen);
                super.write(buf, offset, length);
            }
        };
        StatementRunner runner = new StatementRunner(connection, format, results, results, results,
                format == OutputFormat.TABLE ? () -> new LiveStreamView(terminal, results) : null);
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
                if (command.equals("\\timing")) {
                    timing = !timing;
                    out.println(timing ? "Timing is on." : "Timing is off.");
                    out.flush();
                    continue;
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

    /** Runnel's keywords as the driver reports them, for highlighting; none if it cannot say. */
    private java.util.List<String> driverKeywords() {
        try {
            return java.util.List.of(connection.getMetaData().getSQLKeywords().split(","));
        } catch (SQLException e) {
            return java.util.List.of();
        }
    }

    private static final java.util.regex.Pattern PUSH = java.util.regex.Pattern.compile(
            "(?is)\\s*(?:--[^\\n]*\\n\\s*)*SELECT\\s+STREAM\\b.*");
    private static final java.util.concurrent.ScheduledExecutorService TICKER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "runnel-shell-ticker");
                t.setDaemon(true);
                return t;
            });

    private void runCancellable(StatementRunner runner, ScriptStatement statement, PrintWriter out) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        long start = System.nanoTime();
        printed = false;
        engineProgressAt = 0;
        // a statement that shows nothing for a second gets a status line (a push query has its own view);
        // an embedded engine's own progress lines (rows read of how many) take precedence
        java.util.concurrent.ScheduledFuture<?> ticker = PUSH.matcher(statement.text()).matches() ? null
                : TICKER.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    if (!printed && now - engineProgressAt > 600_000_000L) {
                        progress(out, String.format(java.util.Locale.ROOT, "running, %.1f s (Ctrl-C cancels)",
                                (now - start) / 1e9));
                    }
                }, 1000, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            runner.run(statement);
        } catch (SQLException e) {
            endProgress(out);
            out.println("57014".equals(e.getSQLState()) ? "query cancelled" : "error: " + StatementRunner.describe(e, statement, null));
        } finally {
            if (ticker != null) {
                ticker.cancel(false);
            }
            printed = true;
            terminal.handle(Terminal.Signal.INT, previous);
            endProgress(out);
            if (timing) {
                out.printf(java.util.Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - start) / 1e6);
            }
            out.flush();
        }
    }

    /** COPY's or a long query's progress as one line that rewrites itself, until the statement prints. */
    private synchronized void progress(PrintWriter out, String line) {
        if (printed) {
            return;
        }
        String pad = line.length() < progressWidth ? " ".repeat(progressWidth - line.length()) : "";
        out.print("\r" + line + pad);
        out.flush();
        progressWidth = line.length();
    }

    private synchronized void endProgress(PrintWriter out) {
        if (progressWidth > 0) {
            out.println();
            progressWidth = 0;
        }
    }

    private static String help() {
        return """
                End each statement with ;  (it may span several lines).
                  SHOW STREAMS; SHOW TABLES; SHOW MATERIALIZED VIEWS; DESCRIBE name;
                  SELECT ... ;            rows there now
                  SELECT STREAM ... ;     rows as they arrive, until Ctrl-C
                Tab completes keywords, stream/table/view names and their columns.
                \\timing turns the time each statement took on or off.
                Ctrl-C cancels a running statement, Ctrl-D or \\q leaves.""";
    }
}
