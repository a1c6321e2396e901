package dev.runnel.exec.engine;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.source.StartPositions;
import dev.runnel.exec.view.ViewLookup;
import dev.runnel.exec.view.ViewTable;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.operator.ChangeKind;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.ddl.CreateViewPlanner;
import dev.runnel.planner.physical.PhysicalNode;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a session's queries and INSERTs as pipelines. A query runs on one of the engine's query
 * threads and hands rows to its {@link QueuedRowResult}; an INSERT runs on the caller's thread into a
 * {@link LogSink}. Used by one session; {@link #cancelAll()} may come from any thread.
 */
final class QueryRunner {
    private static final ExprCompiler COMPILER = new ExprCompiler();
    /** The column a push query over an updating result adds: each row's change kind. */
    static final String OP_COLUMN = "op";

    private final RunnelEngine engine;
    private final Set<QueuedRowResult> running = ConcurrentHashMap.newKeySet();
    private final LogLateRowSinks late;
    /** Where long pull queries report their progress (the session's listener), or null. */
    private volatile java.util.function.Consumer<String> progress;

    QueryRunner(RunnelEngine engine) {
        this.engine = engine;
        this.late = new LogLateRowSinks(engine.log(), name -> engine.catalog().find(name), engine.config().clock());
    }

    /** Sets (or clears, with null) where long pull queries report their progress. */
    void progressListener(java.util.function.Consumer<String> listener) {
        this.progress = listener;
    }

    RowResult query(PlannedStatement.Query q, List<Object> parameters) {
        return query(q, parameters, ScanStart.EARLIEST);
    }

    /** A query; a push query's scans start where {@code start} says (pull queries read all retained history). */
    RowResult query(PlannedStatement.Query q, List<Object> parameters, ScanStart start) {
        return query(q, parameters, start, true);
    }

    /**
     * A query; with {@code readYourWrites}, a pull query on materialized views first waits until
     * each view reflects every record its inputs held when the query began (see
     * {@link Views#awaitCaughtUp}); otherwise it answers from the views as they are and warns how
     * far behind they are.
     */
    RowResult query(PlannedStatement.Query q, List<Object> parameters, ScanStart start, boolean readYourWrites) {
        return query(q, parameters, start, readYourWrites, null, 0);
    }

    /** As below, without a state TTL. */
    RowResult query(PlannedStatement.Query q, List<Object> parameters, ScanStart start, boolean readYourWrites,
            ViewLookup lookup) {
        return query(q, parameters, start, readYourWrites, lookup, 0);
    }

    /**
     * As {@link #query(PlannedStatement.Query, List, ScanStart, boolean)}; a pull query that is
     * {@code lookup} (not null: found in {@code q} by {@link ViewLookup#of}) is answered on the
     * caller's thread straight from the view's table, after the same consistency wait. A push
     * query's regular joins keep rows not written for {@code stateTtlMillis} at most (0: no limit).
     */
    RowResult query(PlannedStatement.Query q, List<Object> parameters, ScanStart start, boolean readYourWrites,
            ViewLookup lookup, long stateTtlMillis) {
        if (lookup != null && !q.stream()) {
            List<String> notices = syncViews(lookup.views(), readYourWrites);
            RowResult r = lookup(q, lookup, parameters, notices);
            if (r != null) {
                return r;
            }
            return run(q, parameters, start, notices, stateTtlMillis);
        }
        return run(q, parameters, start, q.stream() ? List.of() : syncViews(viewsRead(q.root()), readYourWrites),
                stateTtlMillis);
    }

    /** A point lookup on a view, read on this thread; null when this execution needs the general plan. */
    private RowResult lookup(PlannedStatement.Query q, ViewLookup lookup, List<Object> parameters,
            List<String> notices) {
        ViewTable table = engine.views().view(lookup.view()).table;
        List<Column> columns = q.root().schema().columns();
        List<Object[]> rows;
        try {
            rows = lookup.run(table, parameters, engine.config().clock().millis());
        } catch (RunnelSqlException e) {
            return ListRowResult.failed(columns, e, notices);
        } catch (RuntimeException e) {
            return ListRowResult.failed(columns, new RunnelSqlException("XX000", "the query failed: " + e,
                    SourcePos.UNKNOWN, e), notices);
        }
        return rows == null ? null : new ListRowResult(columns, rows, notices);
    }

    /** Builds {@code q}'s pipeline and starts it on a query thread; {@code notices} become the result's warnings. */
    private RowResult run(PlannedStatement.Query q, List<Object> parameters, ScanStart start, List<String> notices,
            long stateTtlMillis) {
        SkippedRecords skipped = new SkippedRecords();
        LogScanSourceFactory sources = (q.stream()
                ? LogScanSourceFactory.unbounded(engine.log())
                        .withStart(StartPositions.of(engine.log(), start))
                : LogScanSourceFactory.bounded(engine.log())).withDeadLetterListener(skipped);
        PlanBuilder builder = new PlanBuilder(COMPILER, engine.views().scans(sources), late)
                .withStateTtl(stateTtlMillis);
        boolean changelog = builder.continuous() && builder.changelog(q.root());
        List<Column> columns = new ArrayList<>(q.root().schema().columns());
        if (changelog) { // a push query over an updating result shows each row's change kind
            columns.add(new Column(OP_COLUMN, DataType.varchar().notNull()));
        }
        Pipeline[] pipeline = new Pipeline[1];
        QueuedRowResult result = new QueuedRowResult(columns, q.stream(), () -> {
            Pipeline p = pipeline[0];
            if (p != null) {
                p.cancel();
            }
        });
        RowsOutput out = new RowsOutput(result, changelog ? q.root().schema().size() : -1);
        pipeline[0] = builder.build(q.root(), out, engine.allocator(), parameters, engine.config().clock());
        notices.forEach(result::warn);
        java.util.function.Consumer<String> listener = progress;
        if (!q.stream() && listener != null) {
            QueryProgress.start(pipeline[0], q.root(), engine.log(), listener, result::producedOrStopped);
        }
        running.add(result);
        try {
            engine.queryThreads().execute(() -> drive(pipeline[0], result, skipped));
        } catch (RuntimeException e) {
            running.remove(result);
            pipeline[0].close();
            result.stopped();
            throw new RunnelSqlException("53000", "cannot start the query: " + e.getMessage(), SourcePos.UNKNOWN, e);
        }
        return result;
    }

    private void drive(Pipeline pipeline, QueuedRowResult result, SkippedRecords skipped) {
        result.driving();
        try {
            pipeline.run();
            skipped.warning().ifPresent(result::warn);
            result.end();
        } catch (RunnelSqlException e) {
            result.fail(e);
        } catch (dev.runnel.log.UnavailableException e) {
            result.fail(new RunnelSqlException("08006", "the query failed: its log is not reachable: " + e.getMessage(),
                    SourcePos.UNKNOWN, e));
        } catch (RuntimeException e) {
            result.fail(new RunnelSqlException("XX000", "the query failed: " + e, SourcePos.UNKNOWN, e));
        } finally {
            try {
                pipeline.close();
            } finally {
                running.remove(result);
                result.stopped();
            }
        }
    }

    /** The materialized views {@code root} reads. */
    private List<String> viewsRead(PhysicalNode root) {
        List<String> views = new ArrayList<>();
        for (String name : CreateViewPlanner.reads(root)) {
            engine.catalog().find(name).filter(r -> r.kind() == RelationKind.MATERIALIZED_VIEW)
                    .ifPresent(r -> views.add(r.name()));
        }
        return views;
    }

    /** Waits for (or reports on) the views a pull query reads; returns warnings for the result. */
    private List<String> syncViews(List<String> views, boolean readYourWrites) {
        if (views.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>(0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        for (String v : views) {
            if (readYourWrites) {
                try {
                    if (!engine.views().awaitCaughtUp(v, deadline)) {
                        warnings.add("materialized view " + v + " did not catch up with its inputs within "
                                + CATCH_UP_MILLIS + " ms; the rows may miss the latest writes");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RunnelSqlException("57014", "query cancelled", SourcePos.UNKNOWN);
                }
            } else {
                long lag = engine.views().lag(engine.views().view(v));
                if (lag != 0) {
                    warnings.add("materialized view " + v + " is " + (lag < 0 ? "still starting" : lag
                            + (lag == 1 ? " record" : " records") + " behind its inputs") + " (consistency = eventual)");
                }
            }
        }
        return warnings;
    }

    /** How long a read-your-writes pull query waits for a view to catch up before answering anyway. */
    private static final long CATCH_UP_MILLIS = 30_000;

    /** What an INSERT wrote, and its warnings (records its query skipped). */
    record Inserted(long rows, List<String> warnings) {}

    Inserted insert(PlannedStatement.Insert insert, List<Object> parameters) {
        SkippedRecords skipped = new SkippedRecords();
        PlanBuilder bounded = new PlanBuilder(COMPILER, engine.views().scans(
                LogScanSourceFactory.bounded(engine.log()).withDeadLetterListener(skipped)), late);
        LogSink sink = new LogSink(engine.log(), insert.target(), engine.allocator(), engine.config().clock());
        long[] rows = {0};
        Output out = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                rows[0] += sink.write(batch).rows();
            }

            @Override
            public void finish() {}
        };
        try (Pipeline p = bounded.build(insert.source(), out, engine.allocator(), parameters, engine.config().clock())) {
            p.run();
        }
        return new Inserted(rows[0], skipped.warning().map(List::of).orElse(List.of()));
    }

    void cancelAll() {
        for (QueuedRowResult r : running) {
            r.cancel();
        }
    }

    /**
     * Counts the records a query's scans skip as undecodable (a scan never stops for one), so the
     * result can warn: {@code 2 undecodable records skipped (first: bids-0@7: malformed JSON: ...)}.
     * Called on the query's driver thread only.
     */
    private static final class SkippedRecords implements Consumer<DeadLetter> {
        private long count;
        private DeadLetter first;

        @Override
        public void accept(DeadLetter d) {
            if (count++ == 0) {
                first = d;
            }
        }

        Optional<String> warning() {
            if (count == 0) {
                return Optional.empty();
            }
            return Optional.of(count + (count == 1 ? " undecodable record" : " undecodable records")
                    + " skipped (first: " + first.source() + ": " + first.reason() + ")");
        }
    }

    /**
     * Copies each batch's rows into Java values for the reader, a changelog's change kind as its code
     * ({@code +I}, {@code -U}, {@code +U}, {@code -D}); stops asking for input once cancelled.
     */
    private static final class RowsOutput implements Output {
        private static final ChangeKind[] KINDS = ChangeKind.values();
        private final QueuedRowResult result;
        private final int opColumn;
        private volatile boolean stopped;

        /** @param opColumn the index of the change-kind column of a changelog, -1 for none */
        RowsOutput(QueuedRowResult result, int opColumn) {
            this.result = result;
            this.opColumn = opColumn;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            int n = batch.getRowCount();
            List<FieldVector> vectors = batch.getFieldVectors();
            Object[][] rows = new Object[n][];
            for (int r = 0; r < n; r++) {
                Object[] row = new Object[vectors.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = c == opColumn ? KINDS[((IntVector) vectors.get(c)).get(r)].code()
                            : Vectors.get(vectors.get(c), r);
                }
                rows[r] = row;
            }
            if (!result.offer(rows)) {
                stopped = true;
            }
        }

        @Override
        public void finish() {}

        @Override
        public boolean needsMoreInput() {
            return !stopped;
        }
    }
}
