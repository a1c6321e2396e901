package dev.runnel.shell;

import dev.runnel.jdbc.RunnelResultSet;
import dev.runnel.jdbc.RunnelStatement;
import dev.runnel.shell.output.JdbcRows;
import dev.runnel.shell.output.OutputFormat;
import dev.runnel.shell.output.RowPrinter;
import dev.runnel.shell.script.ScriptStatement;
import dev.runnel.shell.script.SqlScript;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * Runs statements over JDBC and prints what they produce: rows in the chosen format (a push
 * query's as they arrive), an update's message ({@code created stream bids}), warnings. One
 * statement at a time; {@link #cancel()} may come from another thread (Ctrl-C).
 */
final class StatementRunner {
    private final Connection connection;
    private final OutputFormat format;
    private final PrintWriter out;
    private final PrintWriter messages;
    private final PrintWriter err;
    private final java.util.function.Supplier<RowPrinter> livePrinter;
    private volatile Statement running;

    /**
     * @param out where rows go
     * @param messages where update messages go (stdout for tables; stderr for csv and json, so the
     *     data stays parseable)
     * @param err where warnings go
     */
    StatementRunner(Connection connection, OutputFormat format, PrintWriter out, PrintWriter messages, PrintWriter err) {
        this(connection, format, out, messages, err, null);
    }

    /**
     * @param livePrinter prints push queries' rows instead of {@code format} (the interactive shell's
     *     live view), or null
     */
    StatementRunner(Connection connection, OutputFormat format, PrintWriter out, PrintWriter messages, PrintWriter err,
            java.util.function.Supplier<RowPrinter> livePrinter) {
        this.livePrinter = livePrinter;
        this.connection = connection;
        this.format = format;
        this.out = out;
        this.messages = messages;
        this.err = err;
    }

    /** Runs one statement; its error is thrown for the caller to report. */
    void run(ScriptStatement statement) throws SQLException {
        try (Statement st = connection.createStatement()) {
            running = st;
            boolean rows = st.execute(statement.positioned());
            if (rows) {
                try (ResultSet rs = st.getResultSet()) {
                    print(rs, SqlScript.looksLikePushQuery(statement.text()));
                }
            } else {
                messages.println(message(st));
                messages.flush();
            }
            warn(st.getWarnings());
        } finally {
            running = null;
        }
    }

    /** Stops the running statement, if any. */
    void cancel() {
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException e) {
                if (running == st && !isClosed(st)) { // else it ended meanwhile, which is what was wanted
                    err.println("cannot cancel: " + e.getMessage());
                    err.flush();
                }
            }
        }
    }

    private static boolean isClosed(Statement st) {
        try {
            return st.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private void print(ResultSet rs, boolean pushQuery) throws SQLException {
        JdbcRows rows = new JdbcRows(rs);
        boolean streaming = pushQuery
                || (rs.isWrapperFor(RunnelResultSet.class) && rs.unwrap(RunnelResultSet.class).isUnbounded());
        RowPrinter printer = streaming && livePrinter != null ? livePrinter.get() : format.printer(out);
        printer.start(rows.columns(), streaming);
        long count = 0;
        try {
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                printer.row(row);
                count++;
            }
        } finally {
            printer.end(count); // also when a push query is cancelled: what arrived stays readable
        }
        warn(rs.getWarnings());
    }

    private static String message(Statement st) throws SQLException {
        String message = st.isWrapperFor(RunnelStatement.class) ? st.unwrap(RunnelStatement.class).getResultMessage() : null;
        if (message != null) {
            return message;
        }
        long count = st.getLargeUpdateCount();
        return count <= 0 ? "OK" : count == 1 ? "1 row affected" : count + " rows affected";
    }

    private void warn(SQLWarning w) {
        for (; w != null; w = w.getNextWarning()) {
            err.println("warning: " + w.getMessage());
        }
        err.flush();
    }

    /**
     * The error as the command line reports it: the engine's {@code line L, column C: message}
     * (the statement's own start when the engine names no position), after {@code source: } when
     * the statements came from a file.
     */
    static String describe(SQLException e, ScriptStatement statement, String source) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!message.startsWith("line ")) {
            message = "line " + statement.line() + ", column " + statement.column() + ": " + message;
        }
        return source == null ? message : source + ": " + message;
    }
}
