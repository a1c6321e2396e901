package dev.runnel.exec.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One user's conversation with the engine: settings ({@code SET}) and statement execution. A JDBC
 * connection holds one session. Not thread-safe, except {@link RowResult#cancel()} on a result.
 *
 * <p>Every method throws {@link dev.runnel.sql.RunnelSqlException} (with SQLSTATE and, for
 * statement errors, the line and column) for anything the user must see; a failed statement leaves
 * catalog and data unchanged.
 */
public interface Session extends AutoCloseable {

    /** Runs exactly one statement (a trailing {@code ;} is allowed). */
    StatementResult execute(String sql, List<Object> parameters);

    default StatementResult execute(String sql) {
        return execute(sql, List.of());
    }

    /**
     * Runs a script statement by statement. Stops at the first error and throws it (with the
     * script's line and column); results of earlier statements are returned through
     * {@code onResult} as they complete (the caller closes them).
     */
    void executeScript(String script, Consumer<StatementResult> onResult);

    /** Parses and plans without running: parameter types and, for queries, result columns. */
    PreparedInfo prepare(String sql);

    /** The session's settings, as SET left them (unmodifiable view). */
    Map<String, String> settings();

    /**
     * Where COPY reports progress (rows read/loaded/rejected) and a pull query that has run a second
     * without a row to show reports the rows it has read (one line at a time); null for none.
     */
    void setProgressListener(Consumer<String> listener);

    Engine engine();

    @Override
    void close();
}
