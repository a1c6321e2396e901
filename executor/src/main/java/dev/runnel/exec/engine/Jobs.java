package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PipelineMetrics;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSource;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.LogException;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.ddl.CreateViewPlanner;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.streaming.UniqueKeys;
import java.util.Optional;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.StatementParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The engine's persistent jobs: {@code CREATE JOB name AS INSERT ...} and {@code INSERT ... SELECT
 * STREAM ...}. A job is recorded in the catalog log ({@link JobDef}) and runs on one of the engine's
 * threads: unbounded scans ▶ operators ▶ {@link LogSink} into the target. It reads through a consumer
 * group of its own ({@code job-<name>}): where the group has a committed offset the scan starts
 * there, elsewhere at the job's {@code scan.start} (committed at once, so a restart does not move a
 * {@code latest} start); after every fetch whose rows went through the pipeline and the sink, the
 * scan's position is committed. Delivery is at-least-once: a crash between an append and its commit
 * repeats that fetch's rows; state of windowed operators is not yet restored (checkpoints will make
 * jobs exactly-once and stateful across restarts). Jobs not stopped start again when the engine
 * opens. Thread-safe.
 */
final class Jobs {
    private static final System.Logger LOG = System.getLogger(Jobs.class.getName());
    private static final ExprCompiler COMPILER = new ExprCompiler();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final RunnelEngine engine;
    private final LogLateRowSinks late;
    /** Jobs by lower-case name: the one currently running, or the last run's end state. */
    private final Map<String, RunningJob> runs = new ConcurrentHashMap<>();

    /** One run of a job. */
    private static final class RunningJob {
        final JobDef def;
        final CountDownLatch done = new CountDownLatch(1);
        volatile Pipeline pipeline;
        volatile String state = "RUNNING";
        volatile String reason;
        volatile boolean stopping;
        volatile long rowsOut;
        /** What the job's query reads (streams, tables, views). */
        volatile List<String> reads = List.of();

        RunningJob(JobDef def) {
            this.def = def;
        }
    }

    Jobs(RunnelEngine engine) {
        this.engine = engine;
        this.late = new LogLateRowSinks(engine.log(), name -> engine.catalog().find(name), engine.config().clock());
    }

    /** Starts every recorded job that was not stopped (engine open). A job that cannot start is FAILED. */
    void startAll() {
        for (JobDef def : engine.catalogStore().jobs()) {
            if (def.stopped()) {
                RunningJob r = new RunningJob(def);
                r.state = "STOPPED";
                r.done.countDown();
                runs.put(key(def.name()), r);
                continue;
            }
            try {
                start(def, plan(def));
            } catch (RuntimeException e) {
                RunningJob r = new RunningJob(def);
                r.state = "FAILED";
                r.reason = e.getMessage();
                r.done.countDown();
                runs.put(key(def.name()), r);
                LOG.log(System.Logger.Level.WARNING, "job " + def.name() + " cannot start: " + e.getMessage());
            }
        }
    }

    /**
     * A job whose query has an updating result can write it only into a TABLE whose primary key is
     * the query's unique key: each change then replaces (or, for a retracted row, deletes) the row of
     * its key ({@link LogSink} takes the changelog). A stream takes appended rows only.
     */
    private static void checkUpsertTarget(PlannedStatement.Insert insert, SourcePos pos) {
        RelationDef target = insert.target();
        String what = "the job's query has an updating result (a GROUP BY without a window, a window under"
                + " late = 'update' or a table's changes revise rows it emitted)";
        if (target.kind() != RelationKind.TABLE) {
            throw new RunnelSqlException("0A000", what + ", and " + target.name() + " takes appended rows only;"
                    + " write it into a TABLE keyed like the result, aggregate over a window (TUMBLE, HOP, SESSION,"
                    + " CUMULATE) with late = 'drop' or 'route', or run it as a pull query (INSERT ... SELECT"
                    + " without STREAM)", pos);
        }
        Optional<List<Integer>> key = UniqueKeys.of(insert.source());
        if (key.isEmpty() || !new java.util.HashSet<>(key.get()).equals(new java.util.HashSet<>(target.primaryKey()))) {
            String keyText = key.map(k -> " by (" + k.stream().map(i -> target.columns().get(i).name())
                    .collect(Collectors.joining(", ")) + ")").orElse(" without a unique key");
            throw new RunnelSqlException("0A000", what + keyText + ", but table " + target.name()
                    + " is keyed by (" + target.primaryKey().stream().map(i -> target.columns().get(i).name())
                    .collect(Collectors.joining(", ")) + "); write the result into a table whose primary key is"
                    + " the query's GROUP BY keys, in the same columns", pos);
        }
    }

    /** CREATE JOB / INSERT ... SELECT STREAM: records the job and starts it; returns the message. */
    String create(PlannedStatement.CreateJob c, SourcePos pos) {
        if (c.insert().parameterCount() > 0) {
            throw new RunnelSqlException("0A000", "a job cannot take parameters", pos);
        }
        if (new PlanBuilder(COMPILER, engine.views().scans(LogScanSourceFactory.unbounded(engine.log())), late).changelog(c.insert().source())) {
            checkUpsertTarget(c.insert(), pos);
        }
        synchronized (this) {
            String name = c.name() != null ? c.name() : freshName(c.insert().target().name());
            if (engine.catalogStore().job(name).isPresent()) {
                if (c.ifNotExists()) {
                    return "job " + name + " already exists; nothing done";
                }
                throw new RunnelSqlException("42710", "job '" + name + "' already exists (DROP JOB " + name
                        + " first to start it again)", pos);
            }
            JobDef def = new JobDef(name, c.sql(), c.scanStart(), false);
            engine.catalogStore().putJob(def);
            start(def, c.insert());
            return "started job " + name + " (INSERT INTO " + c.insert().target().name()
                    + " keeps running; STOP JOB " + name + " stops it)";
        }
    }

    private String freshName(String target) {
        String base = target.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]", "_") + "_job";
        String name = base;
        for (int n = 2; engine.catalogStore().job(name).isPresent(); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** STOP JOB: cancels the run and records the job as stopped. */
    String stop(String name, SourcePos pos) {
        JobDef def = engine.catalogStore().job(name).orElseThrow(() -> unknown(name, pos));
        stopRun(def.name());
        if (!def.stopped()) {
            engine.catalogStore().putJob(def.withStopped(true));
        }
        RunningJob r = runs.get(key(def.name()));
        if (r != null && r.state.equals("RUNNING")) {
            r.state = "STOPPED";
        }
        return "stopped job " + def.name();
    }

    /** DROP JOB: stops it, forgets it and deletes its consumer group's offsets. */
    String drop(String name, boolean ifExists, SourcePos pos) {
        var found = engine.catalogStore().job(name);
        if (found.isEmpty()) {
            if (ifExists) {
                return "job " + name + " does not exist; nothing done";
            }
            throw unknown(name, pos);
        }
        JobDef def = found.get();
        stopRun(def.name());
        engine.catalogStore().dropJob(def.name());
        runs.remove(key(def.name()));
        ConsumerGroups groups = engine.log().groups();
        if (groups.listGroups().contains(def.groupId())) {
            try {
                groups.deleteGroup(def.groupId());
            } catch (LogException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete group " + def.groupId() + ": " + e.getMessage());
            }
        }
        return "dropped job " + def.name();
    }

    private static RunnelSqlException unknown(String name, SourcePos pos) {
        return new RunnelSqlException("42704", "unknown job '" + name + "'", pos);
    }

    /** Stops every run without recording anything (engine close: they start again on the next open). */
    void shutdown() {
        for (RunningJob r : runs.values()) {
            cancel(r);
        }
        for (RunningJob r : runs.values()) {
            await(r);
        }
    }

    private void stopRun(String name) {
        RunningJob r = runs.get(key(name));
        if (r != null) {
            cancel(r);
            await(r);
        }
    }

    private static void cancel(RunningJob r) {
        r.stopping = true;
        Pipeline p = r.pipeline;
        if (p != null) {
            p.cancel();
        }
    }

    private static void await(RunningJob r) {
        try {
            if (!r.done.await(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "job " + r.def.name() + " did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PlannedStatement.Insert plan(JobDef def) {
        PlannedStatement p = new StatementPlanner().plan(new StatementParser().parse(def.sql()), engine.catalog(),
                Map.of(ScanStart.SETTING, def.scanStart()));
        if (p instanceof PlannedStatement.CreateJob c) {
            return c.insert();
        }
        if (p instanceof PlannedStatement.Insert i) {
            return i;
        }
        throw new IllegalStateException("job " + def.name() + " does not hold an INSERT: " + def.sql());
    }

    private void start(JobDef def, PlannedStatement.Insert insert) {
        RunningJob run = new RunningJob(def);
        run.reads = CreateViewPlanner.reads(insert.source());
        String group = def.groupId();
        ConsumerGroups groups = engine.log().groups();
        ScanStart start = ScanStart.parse(def.scanStart()).orElse(ScanStart.EARLIEST);
        LogScanSource.StartPositions base = LogScanSource.StartPositions.of(engine.log(), start);
        LogScanSource.StartPositions starts = new LogScanSource.StartPositions() {
            @Override
            public long start(TopicPartition tp, long logStart, long logEnd) {
                return first(tp, logStart, logEnd, base.start(tp, logStart, logEnd));
            }

            @Override
            public long start(ScanNode scan, TopicPartition tp, long logStart, long logEnd) {
                return first(tp, logStart, logEnd, base.start(scan, tp, logStart, logEnd));
            }

            /** The committed offset; else {@code initial} (hint or scan.start), committed at once. */
            private long first(TopicPartition tp, long logStart, long logEnd, long initial) {
                OptionalLong committed = groups.committed(group, tp);
                if (committed.isPresent()) {
                    return committed.getAsLong();
                }
                long at = Math.max(logStart, Math.min(logEnd, initial));
                groups.commit(group, null, -1, Map.of(tp, at));
                return at;
            }
        };
        LogScanSource.ProgressListener progress = (tp, next) -> groups.commit(group, null, -1, Map.of(tp, next));
        LogScanSourceFactory sources = LogScanSourceFactory.unbounded(engine.log()).withStart(starts)
                .withProgress(progress);
        LogSink sink = new LogSink(engine.log(), insert.target(), engine.allocator(), engine.config().clock());
        Output out = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                run.rowsOut += sink.write(batch).rows();
            }

            @Override
            public void finish() {}
        };
        Pipeline pipeline = new PlanBuilder(COMPILER, engine.views().scans(sources), late).build(insert.source(), out, engine.allocator(),
                List.of(), engine.config().clock());
        run.pipeline = pipeline;
        RunningJob previous = runs.put(key(def.name()), run);
        if (previous != null) {
            cancel(previous);
        }
        try {
            engine.queryThreads().execute(() -> drive(run));
        } catch (RuntimeException e) {
            pipeline.close();
            run.state = "FAILED";
            run.reason = "cannot start: " + e.getMessage();
            run.done.countDown();
            throw new RunnelSqlException("53000", "cannot start job " + def.name() + ": " + e.getMessage(),
                    SourcePos.UNKNOWN, e);
        }
    }

    private void drive(RunningJob run) {
        Pipeline p = run.pipeline;
        try {
            p.run();
            run.state = "STOPPED";
            run.reason = "its input ended";
        } catch (RuntimeException e) {
            if (run.stopping) {
                run.state = "STOPPED";
            } else {
                run.state = "FAILED";
                run.reason = e instanceof RunnelSqlException r ? r.detail() : e.toString();
                LOG.log(System.Logger.Level.WARNING, "job " + run.def.name() + " failed: " + run.reason);
            }
        } finally {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "job " + run.def.name() + " did not close cleanly: " + e);
            } finally {
                run.done.countDown();
            }
        }
    }

    /** The rows of SHOW JOBS, in creation order ({@link CatalogRows#JOBS}). */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        ConsumerGroups groups = engine.log().groups();
        for (JobDef def : engine.catalogStore().jobs()) {
            RunningJob r = runs.get(key(def.name()));
            String state = r == null ? (def.stopped() ? "STOPPED" : "FAILED") : r.state;
            String reason = r == null ? null : r.reason;
            String offsets = null;
            Long lag = null;
            if (groups.listGroups().contains(def.groupId())) {
                ConsumerGroups.GroupDescription d = groups.describe(def.groupId());
                offsets = d.offsets().stream().map(o -> partitionName(o.partition()) + "=" + o.committedOffset())
                        .collect(Collectors.joining(", "));
                lag = d.totalLag();
            }
            PipelineMetrics m = r == null || r.pipeline == null ? null : r.pipeline.metrics();
            String watermark = null;
            if (m != null) {
                long w = m.sourceWatermark();
                if (w != Long.MIN_VALUE && w != Long.MAX_VALUE) {
                    watermark = TIME.format(Instant.ofEpochMilli(w));
                }
            }
            rows.add(new Object[] {def.name(), state, reason, def.sql(), offsets, lag, watermark,
                m == null ? 0L : m.rowsIn(), r == null ? 0L : r.rowsOut,
                m == null ? 0L : m.lateRowsDropped() + m.lateRowsRouted() + m.lateRowsUpdating(),
                m == null ? 0L : m.stateBytes()});
        }
        return rows;
    }

    /**
     * Late rows met by the running jobs that read {@code relation}: dropped, routed and updating
     * (since each job last started on this engine).
     */
    long[] lateRows(String relation) {
        long[] n = new long[3];
        for (RunningJob r : runs.values()) {
            Pipeline p = r.pipeline;
            if (p != null && r.reads.stream().anyMatch(x -> x.equalsIgnoreCase(relation))) {
                PipelineMetrics m = p.metrics();
                n[0] += m.lateRowsDropped();
                n[1] += m.lateRowsRouted();
                n[2] += m.lateRowsUpdating();
            }
        }
        return n;
    }

    private static String partitionName(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
