package dev.runnel.exec.engine;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a session's queries and INSERTs as pipelines. A query runs on one of the engine's query
 * threads and hands rows to its {@link QueuedRowResult}; an INSERT runs on the caller's thread into a
 * {@link LogSink}. Used by one session; {@link #cancelAll()} may come from any thread.
 */
final class QueryRunner {
    private static final ExprCompiler COMPILER = new ExprCompiler();

    private final RunnelEngine engine;
    private final PlanBuilder bounded;
    private final PlanBuilder unbounded;
    private final Set<QueuedRowResult> running = ConcurrentHashMap.newKeySet();

    QueryRunner(RunnelEngine engine) {
        this.engine = engine;
        LogLateRowSinks late = new LogLateRowSinks(engine.log(), name -> engine.catalog().find(name),
                engine.config().clock());
        this.bounded = new PlanBuilder(COMPILER, LogScanSourceFactory.bounded(engine.log()), late);
        this.unbounded = new PlanBuilder(COMPILER, LogScanSourceFactory.unbounded(engine.log()), late);
    }

    RowResult query(PlannedStatement.Query q, List<Object> parameters) {
        PlanBuilder builder = q.stream() ? unbounded : bounded;
        Pipeline[] pipeline = new Pipeline[1];
        QueuedRowResult result = new QueuedRowResult(q.root().schema().columns(), q.stream(), () -> {
            Pipeline p = pipeline[0];
            if (p != null) {
                p.cancel();
            }
        });
        RowsOutput out = new RowsOutput(result);
        pipeline[0] = builder.build(q.root(), out, engine.allocator(), parameters, engine.config().clock());
        running.add(result);
        try {
            engine.queryThreads().execute(() -> drive(pipeline[0], result));
        } catch (RuntimeException e) {
            running.remove(result);
            pipeline[0].close();
            result.stopped();
            throw new RunnelSqlException("53000", "cannot start the query: " + e.getMessage(), SourcePos.UNKNOWN, e);
        }
        return result;
    }

    private void drive(Pipeline pipeline, QueuedRowResult result) {
        result.driving();
        try {
            pipeline.run();
            result.end();
        } catch (RunnelSqlException e) {
            result.fail(e);
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

    long insert(PlannedStatement.Insert insert, List<Object> parameters) {
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
        return rows[0];
    }

    void cancelAll() {
        for (QueuedRowResult r : running) {
            r.cancel();
        }
    }

    /** Copies each batch's rows into Java values for the reader; stops asking for input once cancelled. */
    private static final class RowsOutput implements Output {
        private final QueuedRowResult result;
        private volatile boolean stopped;

        RowsOutput(QueuedRowResult result) {
            this.result = result;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            int n = batch.getRowCount();
            List<FieldVector> vectors = batch.getFieldVectors();
            Object[][] rows = new Object[n][];
            for (int r = 0; r < n; r++) {
                Object[] row = new Object[vectors.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = Vectors.get(vectors.get(c), r);
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
