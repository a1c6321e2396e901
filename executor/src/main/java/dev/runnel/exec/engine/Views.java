package dev.runnel.exec.engine;

import dev.runnel.exec.cluster.ClusterPlan;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PipelineMetrics;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.plan.ScanSourceFactory;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.source.LowestScanPositions;
import dev.runnel.exec.source.ScanProgressListener;
import dev.runnel.exec.source.StartPositions;
import dev.runnel.exec.view.ViewScanSource;
import dev.runnel.exec.view.ViewTable;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.CreateViewPlanner;
import dev.runnel.planner.ddl.SettingsPlanner;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.StatementParser;
import dev.runnel.sql.statement.CreateMaterializedView;
import dev.runnel.sql.statement.Statement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The engine's materialized views: each is a {@link ViewTable} kept current by a job of its own,
 * which runs the view's query continuously (from the start of its inputs) on a query thread and
 * applies the query's changelog to the table. Pull queries scan the table or look keys up in it;
 * push queries and views on views follow its changes ({@link ViewScanSource}).
 *
 * <p>On engine start every view in the catalog is planned again from its statement and rebuilt by
 * running its query from the start of its inputs, in creation order (a view on a view after the
 * view it reads), so a view's contents after a restart are what they were, whatever happened to the
 * process. A view whose query cannot start any more is FAILED and says why; reading it is an error.
 * Thread-safe.
 */
final class Views {
    private static final System.Logger LOG = System.getLogger(Views.class.getName());
    private static final ExprCompiler COMPILER = new ExprCompiler();

    /** How often a task of a view shared by a cluster commits, unless {@code checkpoint.interval} says otherwise. */
    static final long CLUSTER_COMMIT_MILLIS = 1_000;

    private final RunnelEngine engine;
    private final LogLateRowSinks late;
    /** By lower-case name, in creation order. */
    private final Map<String, RunningView> views = new LinkedHashMap<>();
    private final ViewFreshness freshness;

    Views(RunnelEngine engine) {
        this.engine = engine;
        this.late = new LogLateRowSinks(engine.log(), name -> engine.catalog().find(name), engine.config().clock());
        this.freshness = new ViewFreshness(engine, this);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Starts every view in the catalog (engine open), each after the views it reads (the catalog
     * does not keep creation order). A view that cannot start is FAILED, and so are views on it.
     */
    synchronized void startAll() {
        startMissing(false);
    }

    /**
     * Brings the running views in line with the catalog after another process of the cluster changed
     * it: stops the views it no longer has (or has under another definition), then starts the ones
     * it has and this engine does not run, fresh (old checkpoints of the name are dropped).
     */
    synchronized void reconcile() {
        for (RunningView v : new ArrayList<>(views.values())) {
            Optional<RelationDef> now = engine.catalog().find(v.def.name());
            if (now.isEmpty() || !now.get().equals(v.def)) {
                views.remove(key(v.def.name()));
                stop(v);
                deleteCheckpoints(v);
            }
        }
        startMissing(true);
    }

    private void deleteCheckpoints(RunningView v) {
        try {
            v.checkpoints.deleteAll();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the checkpoints of " + v.def.name() + ": " + e);
        }
    }

    /** Starts the catalog's views that are not running here, in dependency order; {@code fresh}: without old checkpoints. */
    private void startMissing(boolean fresh) {
        Map<String, RelationDef> pending = new LinkedHashMap<>();
        Map<String, PhysicalNode> queries = new LinkedHashMap<>();
        Map<String, List<String>> reads = new LinkedHashMap<>();
        for (RelationDef def : engine.catalog().all()) {
            if (def.kind() != RelationKind.MATERIALIZED_VIEW || views.containsKey(key(def.name()))) {
                continue;
            }
            try {
                Statement stmt = new StatementParser().parse(def.sql());
                PhysicalNode query = CreateViewPlanner.query((CreateMaterializedView) stmt, engine.catalog());
                pending.put(key(def.name()), def);
                queries.put(key(def.name()), query);
                reads.put(key(def.name()), CreateViewPlanner.reads(query));
            } catch (RuntimeException e) {
                failed(def, e.getMessage());
            }
        }
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (String name : new ArrayList<>(pending.keySet())) {
                boolean ready = reads.get(name).stream().map(Views::key).noneMatch(pending::containsKey);
                if (!ready) {
                    continue;
                }
                RelationDef def = pending.remove(name);
                progress = true;
                try {
                    RunningView v = new RunningView(def, reads.get(name), engine);
                    if (fresh) {
                        deleteCheckpoints(v);
                    }
                    views.put(name, v);
                    start(v, queries.get(name));
                } catch (RuntimeException e) {
                    failed(def, e.getMessage());
                }
            }
        }
        pending.values().forEach(def -> failed(def, "it reads views that read it"));
    }

    private void failed(RelationDef def, String reason) {
        RunningView v = new RunningView(def, List.of(), engine);
        v.state = "FAILED";
        v.reason = reason;
        v.done.countDown();
        views.put(key(def.name()), v);
        LOG.log(System.Logger.Level.WARNING, "materialized view " + def.name() + " cannot start: " + reason);
    }

    /** CREATE MATERIALIZED VIEW: starts the view's job, then records it; a failure changes nothing. */
    synchronized String create(PlannedStatement.CreateView c, Map<String, String> settings, SourcePos pos) {
        RelationDef def = c.view();
        String interval = settings.get("checkpoint.interval");
        String ttl = settings.get("state.ttl");
        String standbys = def.options().containsKey(CreateViewPlanner.STANDBY_REPLICAS) ? null
                : settings.get(CreateViewPlanner.STANDBY_REPLICAS); // WITH (...) wins over the session's
        if (interval != null || ttl != null || standbys != null) { // the session's settings go with the view
            Map<String, String> options = new LinkedHashMap<>(def.options());
            if (interval != null) {
                options.put("checkpoint.interval", interval);
            }
            if (ttl != null) {
                options.put("state.ttl", ttl);
            }
            if (standbys != null) {
                options.put(CreateViewPlanner.STANDBY_REPLICAS, standbys);
            }
            def = new RelationDef(def.name(), def.kind(), def.columns(), def.primaryKey(), def.watermark(),
                    def.storage(), options, def.sql());
        }
        if (engine.catalog().find(def.name()).isPresent()) {
            if (c.ifNotExists()) {
                return "materialized view " + def.name() + " already exists; nothing done";
            }
            throw new RunnelSqlException("42S01", "'" + def.name() + "' already exists", pos);
        }
        RunningView v = new RunningView(def, c.reads(), engine);
        if (clustered()) {
            return createClustered(v, c.query(), pos);
        }
        Pipeline pipeline;
        try {
            pipeline = build(v, c.query());
        } catch (RunnelSqlException e) {
            throw new RunnelSqlException(e.sqlState(), e.detail(), pos, e);
        }
        try {
            engine.catalogStore().create(def);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        views.put(key(def.name()), v);
        try {
            v.checkpoints.deleteAll(); // left by a view of this name dropped in a crash
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clear old checkpoints of " + def.name() + ": " + e);
        }
        drive(v, pipeline, c.query());
        return "created materialized view " + def.name();
    }

    private void start(RunningView v, PhysicalNode query) {
        if (clustered()) {
            ClusterPlan plan = plan(v, query);
            ViewTasks.createTopics(kafka(), plan); // kept if there: another process of the cluster made them
            startClustered(v, plan);
            return;
        }
        drive(v, build(v, query), query);
    }

    /** Whether views are shared by the processes of a cluster (on Kafka, started with a cluster name). */
    private boolean clustered() {
        return engine.config().inCluster() && engine.log() instanceof KafkaLogStore;
    }

    private KafkaLogStore kafka() {
        return (KafkaLogStore) engine.log();
    }

    private ClusterPlan plan(RunningView v, PhysicalNode query) {
        return ClusterPlan.of(v.def, query, r -> engine.log().describeTopic(r.storage().topic()).partitions().size());
    }

    /**
     * Runs view {@code v} as one process of a cluster: its table follows the view's changes topic
     * (every process keeps a whole copy to answer queries), and the process joins the view's group
     * to run the tasks Kafka gives it ({@link ViewTasks}).
     */
    private void startClustered(RunningView v, ClusterPlan plan) {
        v.plan = plan;
        RelationDef changes = plan.changes();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < changes.columns().size(); i++) {
            all.add(i);
        }
        ScanNode follow = new ScanNode(changes, all, new RowSchema(changes.columns()));
        drive(v, build(v, follow), follow);
        long interval = Optional.ofNullable(v.def.options().get("checkpoint.interval"))
                .map(dev.runnel.planner.ddl.Durations::parseMillis).orElse(java.util.OptionalLong.empty())
                .orElse(CLUSTER_COMMIT_MILLIS);
        v.tasks = ViewTasks.join(kafka(), plan, plan.tasks() + "\n" + v.def.sql(),
                (q, scans, sink) -> new PlanBuilder(COMPILER, scans(scans), late)
                        .withStateTtl(SettingsPlanner.stateTtlMillis(v.def.options()))
                        .build(q, sink, engine.allocator(), List.of(), engine.config().clock()),
                engine.allocator(), engine.config().clock(), interval, ClusterProcess.memberInfo(engine.cluster()),
                standbyReplicas(v.def));
    }

    /** The {@code standby.replicas} of a view (checked when it was created), 0 when not given. */
    static int standbyReplicas(RelationDef def) {
        String n = def.options().get(CreateViewPlanner.STANDBY_REPLICAS);
        return n == null ? 0 : Integer.parseInt(n.trim());
    }

    /**
     * The standby tasks of each member of view {@code view}'s task group (member id → task
     * numbers), empty when it has none or does not run here as a cluster's view.
     */
    Map<String, java.util.Set<Integer>> standbys(String view) {
        RunningView v = find(view);
        ClusterPlan plan = v == null ? null : v.plan;
        if (plan == null || !clustered()) {
            return Map.of();
        }
        int replicas = standbyReplicas(v.def);
        return replicas == 0 ? Map.of() : ViewTasks.standbys(kafka(), plan.view(), plan.tasks(), replicas);
    }

    private Pipeline build(RunningView v, PhysicalNode query) {
        ScanProgressListener progress = new LowestScanPositions((tp, position) -> {
            v.positions.put(tp, position);
            v.progress.progressed();
        });
        LogScanSourceFactory logScans = LogScanSourceFactory.unbounded(engine.log())
                .withStart(StartPositions.of(engine.log(), dev.runnel.planner.ddl.ScanStart.EARLIEST))
                .withProgress(progress).withDeadLetterListener(engine.scanDeadLetters());
        PlanBuilder builder = new PlanBuilder(COMPILER, scans(logScans, v), late)
                .withStateTtl(SettingsPlanner.stateTtlMillis(v.def.options()));
        boolean changelog = builder.changelog(query);
        Output sink = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                if (changelog) {
                    v.table.apply(batch);
                } else {
                    applyInserts(v.table, batch);
                }
                v.changesApplied += batch.getRowCount();
            }

            @Override
            public void finish() {}
        };
        return builder.build(query, sink, engine.allocator(), List.of(), engine.config().clock());
    }

    /** Applies an append-only batch as inserts: its vectors, with a change-kind column of +I. */
    private void applyInserts(ViewTable table, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        try (IntVector ops = new IntVector(Changelog.OP_COLUMN, engine.allocator())) {
            ops.allocateNew(Math.max(n, 1));
            for (int r = 0; r < n; r++) {
                Changelog.setOp(ops, r, Changelog.INSERT);
            }
            ops.setValueCount(n);
            List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors());
            vectors.add(ops);
            VectorSchemaRoot changes = new VectorSchemaRoot(vectors); // borrows the vectors: not closed
            changes.setRowCount(n);
            table.apply(changes);
        }
    }

    private void drive(RunningView v, Pipeline pipeline, PhysicalNode query) {
        v.pipeline = pipeline;
        try {
            engine.queryThreads().execute(() -> {
                try {
                    pipeline.run(v.checkpoints.hooks(engine.config().clock()));
                    v.state = "FINISHED";
                } catch (Checkpoints.RestoreFailed e) {
                    LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; rebuilding it from its inputs", e);
                    pipeline.close();
                    v.table.clear(engine.allocator());
                    v.checkpoints.disable(); // this run; the next checkpoint overwrites the unusable one
                    Pipeline fresh = build(v, query);
                    v.pipeline = fresh;
                    try {
                        fresh.run(Pipeline.Hooks.NONE);
                    } catch (RuntimeException again) {
                        if (!v.stopping) {
                            v.state = "FAILED";
                            v.reason = again.getMessage();
                        }
                    } finally {
                        fresh.close();
                    }
                } catch (RuntimeException e) {
                    if (!v.stopping) {
                        v.state = "FAILED";
                        v.reason = e.getMessage();
                        LOG.log(System.Logger.Level.WARNING, "materialized view " + v.def.name() + " failed: "
                                + e.getMessage(), e);
                    }
                } finally {
                    try {
                        pipeline.close();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "closing view " + v.def.name() + ": " + e.getMessage());
                    }
                    v.done.countDown();
                }
            });
        } catch (RuntimeException e) {
            pipeline.close();
            v.state = "FAILED";
            v.reason = "cannot start: " + e.getMessage();
            v.done.countDown();
        }
    }

    /**
     * CREATE in a cluster: the view's internal topics first (any left by a dropped view of the name
     * are deleted), then its catalog event — which the other processes follow and start it from —
     * then this process's copy and share of the tasks. A failure before the event leaves nothing.
     */
    private String createClustered(RunningView v, PhysicalNode query, SourcePos pos) {
        ClusterPlan plan;
        try {
            plan = plan(v, query);
            build(v, query).close(); // checks the query runs continuously (the tasks build theirs later)
        } catch (RunnelSqlException e) {
            throw new RunnelSqlException(e.sqlState(), e.detail(), pos, e);
        }
        ViewTasks.deleteTopics(kafka(), plan.view());
        ViewTasks.createTopics(kafka(), plan);
        try {
            engine.catalogStore().create(v.def);
        } catch (RuntimeException e) {
            ViewTasks.deleteTopics(kafka(), plan.view());
            throw e;
        }
        views.put(key(v.def.name()), v);
        try {
            v.checkpoints.deleteAll();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clear old checkpoints of " + v.def.name() + ": " + e);
        }
        startClustered(v, plan);
        return "created materialized view " + v.def.name() + " (shared by cluster " + engine.config().cluster()
                .orElse("") + " in " + plan.tasks() + " task" + (plan.tasks() == 1 ? "" : "s") + ")";
    }

    /** The views that read {@code name} directly. */
    synchronized List<String> dependents(String name) {
        List<String> out = new ArrayList<>();
        for (RunningView v : views.values()) {
            if (v.reads.stream().anyMatch(r -> r.equalsIgnoreCase(name))) {
                out.add(v.def.name());
            }
        }
        return out;
    }

    /**
     * Drops {@code name} (a stream, table or view): refused while views read it, unless
     * {@code cascade}, which drops those first (and theirs). Returns the names dropped, dependents first.
     */
    synchronized List<String> drop(RelationDef def, boolean cascade, SourcePos pos) {
        List<String> dependents = dependents(def.name());
        if (!dependents.isEmpty() && !cascade) {
            throw new RunnelSqlException("2BP01", "cannot drop " + RunnelSession.kindName(def.kind()) + " "
                    + def.name() + ": materialized view" + (dependents.size() == 1 ? " " : "s ")
                    + String.join(", ", dependents) + " read" + (dependents.size() == 1 ? "s" : "")
                    + " it (drop " + (dependents.size() == 1 ? "that" : "those") + " first, or add CASCADE)", pos);
        }
        List<String> dropped = new ArrayList<>();
        for (String d : dependents) {
            engine.catalog().find(d).ifPresent(r -> dropped.addAll(drop(r, true, pos)));
        }
        if (def.kind() == RelationKind.MATERIALIZED_VIEW) {
            RunningView v = views.remove(key(def.name()));
            if (v != null) {
                stop(v);
                if (v.plan != null) {
                    ViewTasks.deleteTopics(kafka(), v.plan.view());
                }
                deleteCheckpoints(v);
            }
        }
        engine.catalogStore().drop(def.name());
        dropped.add(def.name());
        return dropped;
    }

    private static void stop(RunningView v) {
        v.stopping = true;
        ViewTasks tasks = v.tasks;
        if (tasks != null) {
            tasks.close(); // leaves the view's group: the other processes take its tasks over
        }
        Pipeline p = v.pipeline;
        if (p != null) {
            p.cancel();
        }
        try {
            v.done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The running view of that name, failing clearly when it is not readable. In a cluster, a view
     * another process just created may not have been started here yet: this engine catches up with
     * the catalog once before saying it is not running (unless the caller holds this object's lock,
     * which the catch-up's reconciling needs).
     */
    RunningView view(String name) {
        try {
            return runningView(name);
        } catch (RunnelSqlException e) {
            if (!e.sqlState().equals("42S02") || Thread.holdsLock(this) || engine.cluster() == null) {
                throw e;
            }
            engine.catchUpWithCluster();
            return runningView(name);
        }
    }

    private synchronized RunningView runningView(String name) {
        RunningView v = views.get(key(name));
        if (v == null) {
            throw new RunnelSqlException("42S02", "materialized view '" + name + "' is not running", SourcePos.UNKNOWN);
        }
        if ("FAILED".equals(v.state)) {
            throw new RunnelSqlException("55000", "materialized view " + v.def.name() + " failed and has no current"
                    + " contents: " + v.reason + " (DROP it and CREATE it again)", SourcePos.UNKNOWN);
        }
        return v;
    }

    /** The running view of that name, or null. */
    synchronized RunningView find(String name) {
        return views.get(key(name));
    }

    synchronized List<RunningView> all() {
        return new ArrayList<>(views.values());
    }

    /** Scans that read views from their tables and everything else through {@code base}. */
    ScanSourceFactory scans(ScanSourceFactory base) {
        return scans(base, null);
    }

    /** As {@link #scans(ScanSourceFactory)}, for the job of {@code reader} (null: a query), which tracks how far it read. */
    private ScanSourceFactory scans(ScanSourceFactory base, RunningView reader) {
        return new ScanSourceFactory() {
            @Override
            public BatchSource create(ScanNode scan, OperatorContext context) {
                if (scan.relation().kind() != RelationKind.MATERIALIZED_VIEW) {
                    return base.create(scan, context);
                }
                RunningView v = view(scan.relation().name());
                String read = key(v.def.name());
                return new ViewScanSource(v.def.name(), v.table, scan, base.unbounded(), null,
                        version -> {
                            if (reader != null) {
                                reader.viewVersions.put(read, version);
                                reader.progress.progressed();
                            }
                        });
            }

            @Override
            public BatchSource changes(ScanNode scan, OperatorContext context) {
                return base.changes(scan, context);
            }

            @Override
            public Optional<BatchSource> lookup(ScanNode scan, List<Integer> keyColumns, List<List<Object>> keys,
                    OperatorContext context) {
                if (scan.relation().kind() != RelationKind.MATERIALIZED_VIEW || base.unbounded()) {
                    return Optional.empty();
                }
                RunningView v = view(scan.relation().name());
                return Optional.of(new ViewScanSource(v.def.name(), v.table, scan, false, keys, version -> { }));
            }

            @Override
            public boolean unbounded() {
                return base.unbounded();
            }
        };
    }

    /** How far behind its inputs view {@code v} is (see {@link ViewFreshness#lag}). */
    long lag(RunningView v) {
        return freshness.lag(v);
    }

    /** The lag of each task of shared view {@code name} (see {@link ViewFreshness#taskLag}). */
    Map<Integer, Long> taskLag(String name) {
        return freshness.taskLag(find(name));
    }

    /** Read-your-writes: waits until view {@code name} reflects its inputs (see {@link ViewFreshness#awaitCaughtUp}). */
    boolean awaitCaughtUp(String name, long deadlineNanos) throws InterruptedException {
        return freshness.awaitCaughtUp(name, deadlineNanos);
    }

    /** Late rows met by the running views that read {@code relation}: dropped, routed and updating. */
    long[] lateRows(String relation) {
        long[] n = new long[3];
        for (RunningView v : all()) {
            Pipeline p = v.pipeline;
            if (p != null && v.reads.stream().anyMatch(x -> x.equalsIgnoreCase(relation))) {
                PipelineMetrics m = p.metrics();
                n[0] += m.lateRowsDropped();
                n[1] += m.lateRowsRouted();
                n[2] += m.lateRowsUpdating();
            }
        }
        return n;
    }

    /** Stops every view's job (engine close). */
    void shutdown() {
        for (RunningView v : all()) {
            stop(v);
        }
    }
}
