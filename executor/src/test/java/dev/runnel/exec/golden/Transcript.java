package dev.runnel.exec.golden;

import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.StatementResult;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.sql.RunnelSqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a script statement by statement in one session and writes what each did, as a golden
 * transcript: the statement (with the comments before it), then
 *
 * <ul>
 *   <li>for rows, the table of {@link ResultText} (a query without ORDER BY has its rows sorted,
 *       since their order is not defined; SHOW and DESCRIBE keep the engine's order);
 *   <li>for EXPLAIN, the plan's lines as they are;
 *   <li>for an update, {@code OK: message} or, when it counts rows, {@code OK N: message};
 *   <li>for a failure, {@code ERROR <SQLSTATE>: <message>}, and the script goes on;
 *   <li>then each warning as {@code WARNING: ...}.
 * </ul>
 *
 * <p>One statement is the runner's, not SQL: {@code !dump-topic NAME;} lists the records of a log
 * topic (see {@link TopicDump}), e.g. a dead-letter topic, which no SQL statement reads.
 *
 * Statements run on their own ({@code Session.execute}), so error positions count from the
 * statement's first character, which the transcript shows just above. Not thread-safe.
 */
final class Transcript {
    private static final Pattern ORDER_BY = Pattern.compile("(?is)\\border\\s+by\\b");
    private static final Pattern QUERY = Pattern.compile("(?is)^[\\s(]*(select|values|with)\\b.*");
    static final Pattern EXPLAIN = Pattern.compile("(?is)^\\s*explain\\b.*");
    private static final Pattern DUMP_TOPIC = Pattern.compile("(?s)!dump-topic\\s+(\\S+)");
    private static final long PUSH_QUERY_TIMEOUT_SECONDS = 30;

    private final Session session;
    private final CopyPaths paths;

    Transcript(Session session, CopyPaths paths) {
        this.session = session;
        this.paths = paths;
    }

    String run(String script) {
        ScriptChunks chunks = ScriptChunks.of(script);
        StringBuilder out = new StringBuilder();
        for (ScriptChunks.Chunk c : chunks.chunks()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(c.echo()).append('\n');
            out.append(paths.relativize(runOne(c.sql())));
        }
        if (!chunks.trailingComments().isEmpty()) {
            out.append('\n').append(chunks.trailingComments()).append('\n');
        }
        return out.toString();
    }

    private String runOne(String sql) {
        Matcher dump = DUMP_TOPIC.matcher(sql);
        if (dump.matches()) {
            return TopicDump.of(session.engine().log(), dump.group(1));
        }
        try (StatementResult r = session.execute(paths.resolve(sql))) {
            if (r instanceof UpdateResult u) {
                return (u.count() < 0 ? "OK: " : "OK " + u.count() + ": ") + u.message() + "\n" + warnings(u.warnings());
            }
            if (EXPLAIN.matcher(sql).matches()) {
                return planLines((RowResult) r);
            }
            return rows((RowResult) r, sortable(sql));
        } catch (RunnelSqlException e) {
            return "ERROR " + e.sqlState() + ": " + e.getMessage() + "\n";
        }
    }

    /** Every row of a finished query, rendered, sorted unless the query orders them; for doc results. */
    static List<String[]> renderedRows(RowResult r, String sql) {
        List<Object[]> all = new ArrayList<>();
        List<Object[]> chunk;
        while (!(chunk = r.fetch(1000)).isEmpty()) {
            all.addAll(chunk);
        }
        List<String[]> texts = ResultText.texts(r.columns(), all);
        if (sortable(sql)) {
            texts.sort(ResultText.rowOrder(r.columns()));
        }
        return texts;
    }

    private static boolean sortable(String sql) {
        return QUERY.matcher(sql).matches() && !ORDER_BY.matcher(sql).find();
    }

    private static String rows(RowResult r, boolean sort) {
        List<Object[]> all = new ArrayList<>();
        ScheduledFuture<?> watchdog = null;
        ScheduledExecutorService timer = null;
        if (r.unbounded()) {
            timer = Executors.newSingleThreadScheduledExecutor();
            watchdog = timer.schedule(r::cancel, PUSH_QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        try {
            List<Object[]> chunk;
            while (!(chunk = r.fetch(1000)).isEmpty()) {
                all.addAll(chunk);
            }
        } finally {
            if (timer != null) {
                boolean timedOut = watchdog.isDone();
                timer.shutdownNow();
                if (timedOut) {
                    throw new AssertionError("a push query did not end within " + PUSH_QUERY_TIMEOUT_SECONDS
                            + " s: give it a LIMIT the data can reach");
                }
            }
        }
        List<String[]> texts = ResultText.texts(r.columns(), all);
        if (sort) {
            texts.sort(ResultText.rowOrder(r.columns()));
        }
        return ResultText.table(r.columns(), texts) + warnings(r.warnings());
    }

    /** EXPLAIN's rows are the lines of the plan tree: written as they are, indentation and all. */
    static String planLines(RowResult r) {
        StringBuilder b = new StringBuilder();
        List<Object[]> chunk;
        while (!(chunk = r.fetch(1000)).isEmpty()) {
            for (Object[] row : chunk) {
                b.append(row[0]).append('\n');
            }
        }
        return b.toString();
    }

    private static String warnings(List<String> warnings) {
        StringBuilder b = new StringBuilder();
        for (String w : warnings) {
            b.append("WARNING: ").append(w.strip()).append('\n');
        }
        return b.toString();
    }
}
