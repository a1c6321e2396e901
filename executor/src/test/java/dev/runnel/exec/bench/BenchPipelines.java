package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.UpdateResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * What the pipeline benchmarks share: an in-memory engine with Nexmark bids loaded, planning a
 * SELECT, and running a plan into a sink that counts rows.
 */
final class BenchPipelines {
    private BenchPipelines() {}

    /**
     * An in-memory engine whose stream {@code bids} (Nexmark's columns, watermark 4 s, columnar,
     * {@code with} its WITH options) holds {@code rows} generated bids, loaded through COPY from a
     * csv file in {@code dir}. The engine is closed and {@code dir} removed at JVM exit too: JMH
     * skips a trial's TearDown when a benchmark method throws.
     */
    static Engine bidsEngine(Path dir, int rows, String with) throws IOException {
        Path csv = dir.resolve("bids.csv");
        NexmarkBids.writeCsv(csv, rows, 11);
        Engine engine = Engines.open(EngineConfig.memory().withoutBackgroundThreads());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            csv.toFile().delete();
            dir.toFile().delete();
        }));
        try (Session session = engine.openSession()) {
            session.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, "
                    + "url VARCHAR, date_time TIMESTAMP(3), extra VARCHAR, "
                    + "WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (" + with + ")").close();
            UpdateResult loaded = (UpdateResult) session.execute("COPY bids FROM '" + csv + "' WITH (format = 'csv')");
            if (loaded.count() != rows) {
                throw new IllegalStateException("loaded " + loaded.count() + " rows: " + loaded.warnings());
            }
        }
        Files.delete(csv);
        return engine;
    }

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
