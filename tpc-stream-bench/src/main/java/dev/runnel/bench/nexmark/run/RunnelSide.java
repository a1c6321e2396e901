package dev.runnel.bench.nexmark.run;

import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.load.NexmarkLoader;
import dev.runnel.bench.nexmark.query.NexmarkQuery;
import dev.runnel.bench.nexmark.report.QueryResult;
import dev.runnel.bench.nexmark.report.RunSample;
import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.sql.RunnelSqlException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runnel's side of the benchmark: one engine holding the loaded streams, the queries measured on it,
 * and their result rows for the check against Flink. Single-threaded.
 */
public final class RunnelSide implements AutoCloseable {
    public static final String ENGINE = "runnel";

    private final Engine engine;
    private final Session session;
    private final RunnelQueryRunner runner;
    private final ProcessMeter meter = new ProcessMeter();
    private final Set<String> setUp = new HashSet<>();
    private long events;

    private RunnelSide(Engine engine, RunnelQueryRunner.Mode mode, long stateTtlMillis) {
        this.engine = engine;
        this.session = engine.openSession();
        this.runner = new RunnelQueryRunner(engine, mode, stateTtlMillis);
    }

    /**
     * An engine in {@code dataDir}, or in memory (a temporary log with fsync none, deleted on close) if
     * null, running queries as {@code mode} says (see {@link RunnelQueryRunner}).
     */
    public static RunnelSide open(Path dataDir, RunnelQueryRunner.Mode mode, long stateTtlMillis) {
        return new RunnelSide(Engines.open(dataDir == null ? EngineConfig.memory() : EngineConfig.file(dataDir)),
                mode, stateTtlMillis);
    }

    /** As {@link #open(Path, RunnelQueryRunner.Mode, long)}, running queries as pull queries. */
    public static RunnelSide open(Path dataDir) {
        return open(dataDir, RunnelQueryRunner.Mode.PULL, 0);
    }

    /** Creates the streams and loads events {@code 0 .. events-1}. */
    public NexmarkLoader.Result load(GeneratorConfig config, long events, int batchRows) {
        NexmarkLoader.createStreams(session);
        try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
            NexmarkLoader.Result r = NexmarkLoader.load(engine, new NexmarkGenerator(config), events, batchRows,
                    allocator);
            this.events = events;
            return r;
        }
    }

    /** Warm-up and measured runs of one query, or why it cannot run. */
    public QueryResult measure(String name, Map<String, String> vars, int warmup, int runs, Consumer<String> log) {
        NexmarkQuery q;
        try {
            q = prepare(name, vars);
        } catch (RuntimeException e) {
            return failure(name, e);
        }
        List<RunSample> samples = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            boolean warm = i < warmup;
            System.gc();
            RunnelQueryRunner.Run run;
            meter.start();
            try {
                run = runner.run(q.query(), batch -> {});
            } catch (RuntimeException e) {
                return failure(name, e);
            }
            ProcessMeter.Sample s = meter.stop();
            RunSample sample = new RunSample(warm ? i + 1 : i - warmup + 1, warm, s.wallNanos(), run.executeNanos(),
                    s.cpuNanos(), s.peakHeapBytes(), run.peakArrowBytes(), run.rows(), s.gcMillis());
            samples.add(sample);
            log.accept(String.format(java.util.Locale.ROOT, "runnel %s %s %d: %,d rows, %.0f ms, %.2f M events/s, "
                    + "%.2f M events/CPU-s", name, warm ? "warm-up" : "run", sample.run(), run.rows(),
                    s.wallNanos() / 1e6, events / (s.wallNanos() / 1e3), events / (s.cpuNanos() / 1e3)));
        }
        return new QueryResult(ENGINE, name, QueryResult.OK, null, events, samples);
    }

    /**
     * Runs the query once and writes its result rows as sorted {@link RowText} lines to {@code file}
     * (a changelog applied: its final rows); returns the row count.
     */
    public long writeRows(String name, Map<String, String> vars, Path file) throws IOException {
        NexmarkQuery q = prepare(name, vars);
        boolean changelog = runner.changelog(runner.plan(q.query()));
        Map<String, Integer> counts = new HashMap<>();
        runner.run(q.query(), batch -> addRows(batch, changelog, counts));
        List<String> lines = new ArrayList<>();
        counts.forEach((line, n) -> {
            if (n < 0) {
                throw new IllegalStateException(name + ": a retraction of a row that was not there: " + line);
            }
            for (int i = 0; i < n; i++) {
                lines.add(line);
            }
        });
        lines.sort(null);
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        return lines.size();
    }

    /** Adds (or, for a retraction of a changelog, removes) each row's {@link RowText} line. */
    private static void addRows(VectorSchemaRoot batch, boolean changelog, Map<String, Integer> counts) {
        List<FieldVector> vectors = batch.getFieldVectors();
        int columns = changelog ? vectors.size() - 1 : vectors.size();
        boolean[] millis = new boolean[columns];
        for (int c = 0; c < millis.length; c++) {
            millis[c] = vectors.get(c) instanceof TimeStampMilliVector;
        }
        IntVector ops = changelog ? Changelog.ops(batch, columns) : null;
        Object[] row = new Object[columns];
        for (int r = 0; r < batch.getRowCount(); r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Vectors.get(vectors.get(c), r);
            }
            int delta = ops != null && Changelog.retracts(ops.get(r)) ? -1 : 1;
            counts.merge(RowText.format(row, millis), delta, Integer::sum);
        }
    }

    /** Loads the query and runs its setup statements (once per engine), then plans it to surface errors early. */
    private NexmarkQuery prepare(String name, Map<String, String> vars) {
        NexmarkQuery q = NexmarkQuery.runnel(name, vars);
        if (setUp.add(name)) {
            for (String stmt : q.setup()) {
                session.execute(stmt).close();
            }
        }
        runner.plan(q.query());
        return q;
    }

    private QueryResult failure(String name, RuntimeException e) {
        if (e instanceof RunnelSqlException sql) {
            String status = "0A000".equals(sql.sqlState()) ? QueryResult.UNSUPPORTED : QueryResult.ERROR;
            return QueryResult.failed(ENGINE, name, status, sql.getMessage() + " (SQLSTATE " + sql.sqlState() + ")",
                    events);
        }
        return QueryResult.failed(ENGINE, name, QueryResult.ERROR, e.toString(), events);
    }

    @Override
    public void close() {
        try {
            runner.close();
            session.close();
        } finally {
            engine.close();
        }
    }
}
