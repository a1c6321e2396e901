package dev.runnel.bench.nexmark.run;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.StatementParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a query as a bounded (pull) query over what the log holds, the way the engine runs a
 * {@code SELECT}: parse, plan against the engine's catalog, build a {@link Pipeline} with a bounded
 * log scan per stream, run it on the calling thread into a sink of ours. The sink sees Arrow batches,
 * so no rows are turned into Java objects (the engine's {@code Session.execute} would box every value
 * for its row cursor). Single-threaded.
 */
public final class RunnelQueryRunner implements AutoCloseable {
    /** What one run did: output rows, peak Arrow memory of the pipeline, and the plan/build/run split. */
    public record Run(long rows, long peakArrowBytes, long planNanos, long executeNanos) {}

    private final Engine engine;
    private final StatementParser parser = new StatementParser();
    private final StatementPlanner planner = new StatementPlanner();
    private final PlanBuilder builder;
    private final BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);

    public RunnelQueryRunner(Engine engine) {
        this.engine = engine;
        this.builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log()));
    }

    /** Plans {@code sql} (one SELECT); throws the planner's {@link RunnelSqlException} (e.g. 0A000). */
    public PhysicalNode plan(String sql) {
        PlannedStatement p = planner.plan(parser.parse(sql), engine.catalog(), Map.of());
        if (!(p instanceof PlannedStatement.Query q)) {
            throw new RunnelSqlException("42000", "not a query: " + sql, SourcePos.UNKNOWN);
        }
        return q.root();
    }

    /** Plans, builds and runs {@code sql} into {@code sink}, which also counts the rows. */
    public Run run(String sql, BatchConsumer sink) {
        long t0 = System.nanoTime();
        PhysicalNode root = plan(sql);
        long[] rows = {0};
        Output out = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                rows[0] += batch.getRowCount();
                sink.accept(batch);
            }

            @Override
            public void finish() {}
        };
        try (Pipeline pipeline = builder.build(root, out, allocator, List.of(), Clock.systemUTC())) {
            long t1 = System.nanoTime();
            pipeline.run();
            long t2 = System.nanoTime();
            return new Run(rows[0], pipeline.allocator().getPeakMemoryAllocation(), t1 - t0, t2 - t1);
        }
    }

    /** What receives the result batches (valid only during the call). */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(VectorSchemaRoot batch);
    }

    @Override
    public void close() {
        allocator.close();
    }
}
