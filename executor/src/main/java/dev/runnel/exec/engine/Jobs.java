package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.cluster.TaskPipelines;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PipelineMetrics;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.sink.EpochOutput;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.LogException;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.PlannedStatement;
import java.util.Optional;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.ddl.SettingsPlanner;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The engine's persistent jobs: {@code CREATE JOB name AS INSERT ...} and {@code INSERT ... SELECT
 * STREAM ...}. A job is recorded in the catalog log ({@link JobDef}) and runs on one of the engine's
 * threads: unbounded scans ▶ operators ▶ {@link LogSink} into the target, through an
 * {@link EpochOutput} that holds the output until the job's next checkpoint. <b>Exactly-once</b>:
 * every {@code checkpoint.interval} (the session's when the job was created, default 5 s; sooner
 * when much output waits) the job writes a checkpoint ({@link Checkpoints}, in
 * {@code <data-dir>/job-checkpoints/<job>/}, or in a cluster the Kafka topic
 * {@code __job-<job>.checkpoints}: source positions, operator state and the held output),
 * then commits the held output to the target, tagged so that a restart after a crash completes a
 * half-done commit without writing anything twice; a crash before the checkpoint is complete
 * redoes the work since the previous one. Readers of the target see a job's output when its
 * checkpoint commits. The job's consumer group ({@code job-<name>}) gets the checkpoint's
 * positions after each commit (for SHOW JOBS' lag, and where a job without a checkpoint starts:
 * where the group has a committed offset, else at the job's {@code scan.start}, committed at once
 * so a restart does not move a {@code latest} start). STOP JOB and closing the engine take a last
 * checkpoint first. Late rows routed to a topic and dead letters are written at once (at least
 * once). Jobs not stopped start again when the engine opens. A run is built and driven by
 * {@link JobStart}. In a cluster most jobs do not run like this: they run as tasks shared by the
 * processes, each committing its output in a Kafka transaction ({@link ClusterJobs}). Thread-safe.
 */
final class Jobs {
    private static final System.Logger LOG = System.getLogger(Jobs.class.getName());
    private static final ExprCompiler COMPILER = new ExprCompiler();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final RunnelEngine engine;
    private final LogLateRowSinks late;
    private final JobStart starter;
    /** Jobs by lower-case name: the one currently running, or the last run's end state. */
    private final Map<String, RunningJob> runs = new ConcurrentHashMap<>();
    /** In a cluster: the jobs' tasks and owners ({@link ClusterJobs}); null: standalone, every job runs here. */
    private volatile ClusterJobs cluster;

    /** Set when the engine closes: jobs waiting to restart stay down. Guarded by this. */
    private boolean shutDown;

    Jobs(RunnelEngine engine) {
        this.engine = engine;
        this.late = new LogLateRowSinks(engine.log(), name -> engine.catalog().find(name), engine.config().clock());
        this.starter = new JobStart(engine, late, () -> cluster != null, this::restartLater);
    }

    /**
     * Makes this engine one process of a cluster: from now on a job runs as tasks shared by the
     * processes, or here only while this process owns it ({@link ClusterJobs}).
     */
    void joinCluster(ClusterProcess process) {
        cluster = new ClusterJobs(engine, process, new JobOwnership.Owner() {
            @Override
            public void gained(String job) {
                startOwned(job);
            }

            @Override
            public void released(String job, boolean lost) {
                RunningJob r = runs.get(key(job));
                if (r != null) {
                    if (!lost) {
                        finalCheckpoints(List.of(r));
                    }
                    cancel(r);
                    await(r);
                    runs.remove(key(job), r);
                }
            }
        }, this::plan, this::taskPipelines);
    }

    /** How the tasks of job {@code def} build their pipelines: as its run here would. */
    private TaskPipelines taskPipelines(JobDef def) {
        long ttl = SettingsPlanner.stateTtlMillis(java.util.Collections.singletonMap("state.ttl", def.stateTtl()));
        return (q, scans, sink) -> new PlanBuilder(COMPILER, engine.views().scans(scans instanceof LogScanSourceFactory l
                ? l.withDeadLetterListener(engine.scanDeadLetters()) : scans), late).withStateTtl(ttl)
                .build(q, sink, engine.allocator(), List.of(), engine.config().clock());
    }

    /** Starts job {@code name}, which this process now owns, unless it was stopped or dropped meanwhile. */
    private void startOwned(String name) {
        Optional<JobDef> def = engine.catalogStore().job(name);
        RunningJob r = runs.get(key(name));
        if (def.isEmpty() || def.get().stopped() || r != null && r.state.equals("RUNNING")) {
            return;
        }
        try {
            start(def.get(), plan(def.get()));
        } catch (RuntimeException e) {
            failed(def.get(), e);
        }
    }

    private void failed(JobDef def, RuntimeException e) {
        RunningJob r = new RunningJob(def);
        r.state = "FAILED";
        r.reason = e.getMessage();
        r.done.countDown();
        runs.put(key(def.name()), r);
        LOG.log(System.Logger.Level.WARNING, "job " + def.name() + " cannot start: " + e.getMessage());
    }

    /**
     * In a cluster, brings this process in line with the shared catalog (engine open, and whenever
     * another process changed it): a candidate for every job not stopped, none for stopped or dropped
     * ones, whose runs here stop (dropped: without a last checkpoint, its offsets are gone).
     */
    void reconcile() {
        ClusterJobs c = cluster;
        if (c == null) {
            return;
        }
        Map<String, JobDef> defs = new java.util.LinkedHashMap<>();
        engine.catalogStore().jobs().forEach(d -> defs.put(key(d.name()), d));
        c.reconcile(defs.values());
        for (Map.Entry<String, RunningJob> e : runs.entrySet()) {
            JobDef def = defs.get(e.getKey());
            if (def == null || def.stopped()) {
                if (def != null) {
                    finalCheckpoints(List.of(e.getValue()));
                }
                cancel(e.getValue());
                await(e.getValue());
                runs.remove(e.getKey(), e.getValue());
            }
        }
    }

    /** The lag of each task of job {@code name} when it runs as tasks in a cluster (else an empty map). */
    Map<Integer, Long> taskLag(String name) {
        ClusterJobs c = cluster;
        return c == null ? Map.of() : c.lag(name);
    }

    /** The jobs running in this process now. */
    List<String> runningHere() {
        List<String> here = new ArrayList<>(runs.values().stream().filter(r -> r.state.equals("RUNNING"))
                .map(r -> r.def.name()).toList());
        ClusterJobs c = cluster;
        if (c != null) {
            here.addAll(c.runningHere());
        }
        return here.stream().sorted().toList();
    }

    /** Starts every recorded job that was not stopped (engine open). A job that cannot start is FAILED. */
    void startAll() {
        if (cluster != null) {
            reconcile();
            return;
        }
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
                failed(def, e);
            }
        }
    }

    /** CREATE JOB / INSERT ... SELECT STREAM: records the job and starts it; returns the message. */
    String create(PlannedStatement.CreateJob c, Map<String, String> settings, SourcePos pos) {
        if (c.insert().parameterCount() > 0) {
            throw new RunnelSqlException("0A000", "a job cannot take parameters", pos);
        }
        if (new PlanBuilder(COMPILER, engine.views().scans(LogScanSourceFactory.unbounded(engine.log())), late).changelog(c.insert().source())) {
            UpsertTargets.check(c.insert(), pos);
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
            JobDef def = new JobDef(name, c.sql(), c.scanStart(), false, settings.get("checkpoint.interval"),
                    settings.get("state.ttl"));
            try {
                starter.checkpoints(def, null).deleteAll(); // left by a job of this name dropped in a crash
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot clear old checkpoints of job " + name + ": " + e);
            }
            ClusterJobs cl = cluster;
            if (cl != null) {
                cl.prepare(def, c.insert()); // its internal topics, before the event the others follow
            }
            engine.catalogStore().createJob(def);
            if (cl != null) {
                cl.join(def, c.insert()); // the processes share its tasks, or the one Kafka gives it to runs it
            } else {
                start(def, c.insert());
            }
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

    /** Records and starts a stream's search job ({@link Searches}). */
    synchronized void createSearchJob(JobDef def) {
        try {
            starter.checkpoints(def, null).deleteAll(); // left by a job of this name dropped in a crash
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clear old checkpoints of job " + def.name() + ": " + e);
        }
        engine.catalogStore().createJob(def);
        if (cluster != null) {
            cluster.join(def, plan(def));
        } else {
            start(def, plan(def));
        }
    }

    /** STOP JOB: cancels the run and records the job as stopped. */
    String stop(String name, SourcePos pos) {
        JobDef def = engine.catalogStore().job(name).orElseThrow(() -> unknown(name, pos));
        ClusterJobs c = cluster;
        if (c != null) { // recorded first, so that no other process takes it over when this one lets go
            if (!def.stopped()) {
                engine.catalogStore().putJob(def.withStopped(true));
            }
            c.leave(def.name());
        }
        stopRun(def.name());
        if (!def.stopped() && c == null) {
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
        ClusterJobs c = cluster;
        if (c != null) {
            c.leave(def.name());
        }
        stopRun(def.name());
        engine.catalogStore().dropJob(def.name());
        if (c != null) {
            c.deleteTopics(def.name());
        }
        runs.remove(key(def.name()));
        try {
            starter.checkpoints(def, null).deleteAll();
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the checkpoints of job " + def.name() + ": " + e);
        }
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
        synchronized (this) {
            shutDown = true; // no restart after this (restartLater checks it under the same lock)
        }
        ClusterJobs c = cluster;
        if (c != null) {
            c.close(); // each task or run here stops with a last commit, and moves to another process
        }
        finalCheckpoints(runs.values());
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
            finalCheckpoints(List.of(r));
            cancel(r);
            await(r);
        }
    }

    /**
     * Asks running jobs to checkpoint (committing what they hold) at their next quiet moment and
     * waits a little for it, so a stop loses no output; without it their output since the last
     * checkpoint is computed again when they next start.
     */
    private static void finalCheckpoints(java.util.Collection<RunningJob> jobs) {
        Map<RunningJob, Long> before = new java.util.HashMap<>();
        for (RunningJob r : jobs) {
            if (r.state.equals("RUNNING") && r.checkpoints != null && r.checkpoints.enabled()) {
                before.put(r, r.commits);
                r.checkpointNow = true;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!before.isEmpty() && System.nanoTime() < deadline) {
            before.entrySet().removeIf(e -> e.getKey().commits > e.getValue() || e.getKey().done.getCount() == 0);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
        if (Searches.isSearchJob(def)) {
            return engine.searches().insertFor(def);
        }
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
        RunningJob run = starter.build(def, insert);
        RunningJob previous = runs.put(key(def.name()), run);
        if (previous != null) {
            cancel(previous);
        }
        try {
            engine.queryThreads().execute(() -> starter.drive(run));
        } catch (RuntimeException e) {
            run.pipeline.close();
            run.state = "FAILED";
            run.reason = "cannot start: " + e.getMessage();
            run.done.countDown();
            throw new RunnelSqlException("53000", "cannot start job " + def.name() + ": " + e.getMessage(),
                    SourcePos.UNKNOWN, e);
        }
    }

    /** Whether {@code e} (or a cause) says the log could not be reached: worth a restart, not a failure. */
    private static boolean unavailable(Throwable e) {
        return JobStart.unavailable(e);
    }

    /**
     * Starts a job whose log became unreachable again from its newest checkpoint (which completes
     * a cut-short commit and redoes the work after it: still exactly-once), trying after 0.5 s,
     * then doubling up to 10 s while the log stays unreachable; gives up when the job is stopped,
     * dropped or the engine closes meanwhile, or when the start fails otherwise (then FAILED).
     */
    private void restartLater(RunningJob failed) {
        Thread t = new Thread(() -> {
            long backoff = 500;
            while (true) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    if (shutDown || failed.stopping || runs.get(key(failed.def.name())) != failed) {
                        return;
                    }
                    try {
                        start(failed.def, plan(failed.def));
                        return;
                    } catch (RuntimeException e) {
                        if (!unavailable(e)) {
                            failed.state = "FAILED";
                            failed.reason = "cannot restart: " + e.getMessage();
                            return;
                        }
                        failed.reason = "its log is unreachable (" + e.getMessage() + "); retrying";
                    }
                }
                backoff = Math.min(10_000, backoff * 2);
            }
        }, "job-restart-" + failed.def.name());
        t.setDaemon(true);
        t.start();
    }

    /** The rows of SHOW JOBS, in creation order ({@link CatalogRows#JOBS}). */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        ConsumerGroups groups = engine.log().groups();
        ClusterJobs c = cluster;
        for (JobDef def : engine.catalogStore().jobs()) {
            RunningJob r = runs.get(key(def.name()));
            Optional<ClusterJobs.Status> split = r != null || c == null || def.stopped() ? Optional.empty()
                    : c.status(def.name());
            String state = split.map(ClusterJobs.Status::state).orElse(r == null ? (def.stopped() ? "STOPPED"
                    : c != null ? "REMOTE" : "FAILED") : r.state);
            String reason = split.map(ClusterJobs.Status::reason).orElse(r == null ? (state.equals("REMOTE")
                    ? "runs in another process of the cluster (SHOW CLUSTER says which)" : null) : r.reason);
            String offsets = null;
            Long lag = null;
            if (groups.listGroups().contains(def.groupId())) {
                ConsumerGroups.GroupDescription d = groups.describe(def.groupId());
                offsets = d.offsets().stream().map(o -> partitionName(o.partition()) + "=" + o.committedOffset())
                        .collect(Collectors.joining(", "));
                lag = d.totalLag();
            }
            ViewTasks.Totals t = split.map(ClusterJobs.Status::totals).orElse(null);
            if (t != null) {
                rows.add(new Object[] {def.name(), state, reason, def.sql(), offsets, lag, time(t.watermark()),
                    t.rowsIn(), t.rowsOut(), t.lateRows(), t.stateBytes()});
                continue;
            }
            PipelineMetrics m = r == null || r.pipeline == null ? null : r.pipeline.metrics();
            rows.add(new Object[] {def.name(), state, reason, def.sql(), offsets, lag,
                m == null ? null : time(m.sourceWatermark()), m == null ? 0L : m.rowsIn(),
                r == null || r.output == null ? 0L : r.output.committedRows(),
                m == null ? 0L : m.lateRowsDropped() + m.lateRowsRouted() + m.lateRowsUpdating(),
                m == null ? 0L : m.stateBytes()});
        }
        return rows;
    }

    /** A watermark as SHOW JOBS shows it: UTC, NULL when there is none. */
    private static String time(long watermark) {
        return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE ? null
                : TIME.format(Instant.ofEpochMilli(watermark));
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
