package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.StatementParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.infra.Blackhole;

/** What the pipeline benchmarks share: planning a SELECT, and running a plan into a sink that counts rows. */
final class BenchPipelines {
    private BenchPipelines() {}

    /** The physical plan of the query {@code sql} against {@code engine}'s catalog. */
    static PhysicalNode plan(Engine engine, String sql) {
        PlannedStatement planned = new StatementPlanner().plan(new StatementParser().parse(sql), engine.catalog(),
                Map.of());
        return ((PlannedStatement.Query) planned).root();
    }

    /** Builds and runs {@code plan} to its end; returns the rows it emitted (each batch handed to {@code bh}). */
    static long run(PlanBuilder builder, PhysicalNode plan, BufferAllocator allocator, Blackhole bh) {
        long[] rows = new long[1];
        Output sink = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                rows[0] += batch.getRowCount();
                bh.consume(batch.getVector(0).getValueCount());
            }

            @Override
            public void finish() {}
        };
        try (Pipeline p = builder.build(plan, sink, allocator, List.of(), Clock.systemUTC())) {
            p.run();
        }
        return rows[0];
    }
}
