package dev.runnel.bench.nexmark.run;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.source.ReplayScans;
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
 * Runs a query over what the log holds: parse, plan against the engine's catalog, build a
 * {@link Pipeline}, run it on the calling thread into a sink of ours. {@link Mode#STREAM} builds the
 * plan a push query, job or view runs (continuous operators: changelogs, regular joins, windows
 * firing as watermarks advance) over scans that end at the log end ({@link ReplayScans}), as Flink's
 * streaming mode runs bounded sources; {@link Mode#PULL} runs it as a {@code SELECT} (bounded scans,
 * final rows: hash joins and aggregates that emit once at the end). The sink sees Arrow batches,
 * so no rows are turned into Java objects (the engine's {@code Session.execute} would box every value
 * for its row cursor). Single-threaded.
 */
public final class RunnelQueryRunner implements AutoCloseable {
    /** How the query runs (see the class comment). */
    public enum Mode {
        STREAM, PULL
    }

    /** What one run did: output rows, peak Arrow memory of the pipeline, and the plan/build/run split. */
    public record Run(long rows, long peakArrowBytes, long planNanos, long executeNanos) {}

    private final Engine engine;
    private final StatementParser parser = new StatementParser();
    private final StatementPlanner planner = new StatementPlanner();
    private final PlanBuilder builder;
    private final BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);

    /**
     * @param stateTtlMillis {@code state.ttl} for {@link Mode#STREAM} (0: none); a regular join of two
     *                       streams runs continuously only with one
     */
    public RunnelQueryRunner(Engine engine, Mode mode, long stateTtlMillis) {
        this.engine = engine;
        this.builder = mode == Mode.STREAM
                ? new PlanBuilder(new ExprCompiler(), new ReplayScans(engine.log())).withStateTtl(stateTtlMillis)
                : new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log()));
    }

    /** Whether the result is a changelog (its last column the change kind, {@code Changelog}). */
    public boolean changelog(PhysicalNode root) {
        return builder.continuous() && builder.changelog(root);
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
