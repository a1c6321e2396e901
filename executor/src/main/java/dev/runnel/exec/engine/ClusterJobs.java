package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.cluster.ClusterPlan;
import dev.runnel.exec.cluster.TaskPipelines;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.ddl.CreateViewPlanner;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ScanNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The persistent jobs of an engine that is one process of a cluster ({@link Jobs} keeps their runs
 * and their SHOW JOBS rows). A job runs as <b>tasks</b> shared by the cluster's processes, as a
 * materialized view does: {@link ClusterPlan#cut} cuts its query (a keyed aggregate over a stream
 * in two stages with a repartition topic between them, a stateless read of a stream as one task per
 * stream partition, anything else as one task), and every process is a member of the job's task
 * group {@code job-<name>.tasks} ({@link ViewTasks}, {@link ViewTasks.Groups#job}); the task that
 * ends the job's plan appends its rows to the job's target inside the task's Kafka transaction,
 * with its state and its input offsets (committed to the group {@code job-<name>}, the job's group
 * outside a cluster too), so readers of the target (read committed) see every row once, whichever
 * process ran it and however often processes died. The internal topics are
 * {@code __job-<name>.tasks}, {@code .repartition} and {@code .state}.
 *
 * <p>A search job ({@link Searches}) and a job that reads a materialized view (which each process
 * keeps a copy of, outside any task's transaction) keep one owner ({@link JobOwnership}): the
 * process holding the job's owner group runs all of it, checkpointing to Kafka. Thread-safe.
 */
final class ClusterJobs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterJobs.class.getName());

    private final RunnelEngine engine;
    private final ClusterProcess process;
    private final JobOwnership owners;
    private final Function<JobDef, PlannedStatement.Insert> planner;
    private final Function<JobDef, TaskPipelines> pipelines;
    /** Jobs run as tasks, this process a member of their task group, by lower-case name. */
    private final Map<String, Split> split = new ConcurrentHashMap<>();
    /** Jobs this process could not plan or join, by lower-case name: why. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();

    /** A job run as tasks: its plan, this process's share, and the topics it reads (for its lag). */
    private record Split(JobDef def, ClusterPlan plan, ViewTasks tasks, List<String> inputs) {}

    /** A job's state as SHOW JOBS tells it in this process. */
    record Status(String state, String reason, ViewTasks.Totals totals) {}

    ClusterJobs(RunnelEngine engine, ClusterProcess process, JobOwnership.Owner owner,
            Function<JobDef, PlannedStatement.Insert> planner, Function<JobDef, TaskPipelines> pipelines) {
        this.engine = engine;
        this.process = process;
        this.owners = new JobOwnership(process, owner);
        this.planner = planner;
        this.pipelines = pipelines;
    }

    /** The name job {@code job}'s internal topics are made of. */
    static String topicName(String job) {
        return "job-" + key(job);
    }

    private KafkaLogStore store() {
        return process.store();
    }

    /** How job {@code def} is cut into tasks, or empty when it keeps one owner. */
    Optional<ClusterPlan> cut(JobDef def, PlannedStatement.Insert insert) {
        if (Searches.isSearchJob(def)) {
            return Optional.empty();
        }
        for (String read : CreateViewPlanner.reads(insert.source())) {
            if (engine.catalog().find(read).filter(r -> r.kind() == RelationKind.MATERIALIZED_VIEW).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of(ClusterPlan.cut(topicName(def.name()), insert.source(),
                r -> store().describeTopic(r.storage().topic()).partitions().size(), tasks -> insert.target()));
    }

    /**
     * CREATE JOB, before its catalog event: the internal topics of a job run as tasks (any left by
     * a dropped job of the name are deleted first), so the processes that follow the event find
     * them, and its start positions, resolved and committed to its group now — its tasks start
     * later, in whichever process, and {@code latest} means the end when the statement ran.
     */
    void prepare(JobDef def, PlannedStatement.Insert insert) {
        Optional<ClusterPlan> plan = cut(def, insert);
        ViewTasks.deleteTopics(store(), topicName(def.name()));
        if (plan.isEmpty()) {
            return;
        }
        ViewTasks.createTopics(store(), plan.get());
        JobStartPositions starts = new JobStartPositions(store(), def.groupId(),
                ScanStart.parse(def.scanStart()).orElse(ScanStart.EARLIEST), t -> false);
        List<ScanNode> scans = new ArrayList<>();
        collectScans(insert.source(), scans);
        for (ScanNode scan : scans) {
            String topic = scan.relation().storage().topic();
            if (scan.relation().kind() == RelationKind.MATERIALIZED_VIEW || !store().topicExists(topic)) {
                continue;
            }
            for (int p = 0; p < store().describeTopic(topic).partitions().size(); p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                starts.start(scan, tp, store().logStartOffset(tp), store().logEndOffset(tp)); // commits it
            }
        }
    }

    private static void collectScans(PhysicalNode node, List<ScanNode> out) {
        if (node instanceof ScanNode s) {
            out.add(s);
        }
        for (PhysicalNode in : node.inputs()) {
            collectScans(in, out);
        }
    }

    /** Becomes a member of job {@code def}'s task group (or owner group): Kafka decides what runs here. */
    synchronized void join(JobDef def, PlannedStatement.Insert insert) {
        String key = key(def.name());
        if (split.containsKey(key)) {
            return;
        }
        Optional<ClusterPlan> cut = cut(def, insert);
        if (cut.isEmpty()) {
            owners.join(def.name());
            return;
        }
        ClusterPlan plan = cut.get();
        ViewTasks.createTopics(store(), plan); // kept if there: the creating process made them
        List<String> inputs = new ArrayList<>();
        for (String read : CreateViewPlanner.reads(insert.source())) {
            engine.catalog().find(read).ifPresent(r -> inputs.add(r.storage().topic()));
        }
        long interval = Optional.ofNullable(def.checkpointInterval()).map(Durations::parseMillis)
                .orElse(java.util.OptionalLong.empty()).orElse(Views.CLUSTER_COMMIT_MILLIS);
        String repartition = plan.repartition().map(r -> r.storage().topic()).orElse(null);
        JobStartPositions starts = new JobStartPositions(store(), def.groupId(),
                ScanStart.parse(def.scanStart()).orElse(ScanStart.EARLIEST), t -> t.equals(repartition));
        String fingerprint = "job\n" + plan.tasks() + "\n" + def.sql() + "\n" + def.scanStart();
        ViewTasks tasks = ViewTasks.join(store(), plan, ViewTasks.Groups.job(def.name()), starts, fingerprint,
                pipelines.apply(def), engine.allocator(), engine.config().clock(), interval, process.clientId());
        split.put(key, new Split(def, plan, tasks, List.copyOf(inputs)));
        failed.remove(key);
    }

    /**
     * Stops being a candidate for job {@code name}: its tasks here commit what they did and stop
     * (Kafka gives them to the other members), or its run here stops if it owns it.
     */
    void leave(String name) {
        owners.leave(name);
        Split s;
        synchronized (this) { // not while its tasks hand off: a join of another job need not wait for that
            s = split.remove(key(name));
        }
        if (s != null) {
            s.tasks().close();
        }
        failed.remove(key(name));
    }

    /** DROP JOB: deletes the job's internal topics (after {@link #leave}). */
    void deleteTopics(String name) {
        ViewTasks.deleteTopics(store(), topicName(name));
    }

    /**
     * Brings this process in line with the shared catalog's jobs {@code defs}: a member for every
     * job not stopped, none for stopped or dropped ones.
     */
    synchronized void reconcile(Collection<JobDef> defs) {
        Map<String, JobDef> byName = new LinkedHashMap<>();
        defs.forEach(d -> byName.put(key(d.name()), d));
        for (JobDef def : byName.values()) {
            if (def.stopped()) {
                leave(def.name());
            } else if (!split.containsKey(key(def.name())) && !owners.joined().contains(key(def.name()))) {
                try {
                    join(def, planner.apply(def));
                } catch (RuntimeException e) {
                    failed.put(key(def.name()), e.getMessage() == null ? e.toString() : e.getMessage());
                    LOG.log(System.Logger.Level.WARNING, "job " + def.name() + " cannot run here: " + e.getMessage());
                }
            }
        }
        List<String> here = new ArrayList<>(split.keySet());
        here.addAll(owners.joined());
        for (String name : here) {
            if (!byName.containsKey(name)) {
                leave(name);
            }
        }
    }

    /** The jobs run as tasks of which at least one runs here now. */
    List<String> runningHere() {
        return split.values().stream().filter(s -> !s.tasks().tasks().isEmpty()).map(s -> s.def().name()).toList();
    }

    /** Job {@code name}'s state here if it runs as tasks (or could not start here), else empty. */
    Optional<Status> status(String name) {
        String why = failed.get(key(name));
        if (why != null) {
            return Optional.of(new Status("FAILED", why, null));
        }
        Split s = split.get(key(name));
        if (s == null) {
            return Optional.empty();
        }
        List<ViewTasks.TaskInfo> here = s.tasks().tasks();
        if (here.isEmpty()) {
            return Optional.of(new Status("REMOTE", "its " + s.plan().tasks() + " task" + (s.plan().tasks() == 1
                    ? " runs" : "s run") + " in other processes of the cluster (SHOW CLUSTER says which)",
                    s.tasks().totals()));
        }
        for (ViewTasks.TaskInfo t : here) {
            if (t.state().startsWith("RETRYING")) {
                return Optional.of(new Status("RESTARTING", "task " + t.name() + ": " + t.state(), s.tasks().totals()));
            }
        }
        return Optional.of(new Status("RUNNING", here.size() + " of its " + taskCount(s.plan()) + " tasks run here: "
                + String.join(", ", here.stream().map(ViewTasks.TaskInfo::name).toList()), s.tasks().totals()));
    }

    private static int taskCount(ClusterPlan plan) {
        return plan.split() ? 2 * plan.tasks() : plan.tasks();
    }

    /** Each task's lag of job {@code name} if it runs as tasks (empty map otherwise, or when Kafka cannot say). */
    Map<Integer, Long> lag(String name) {
        Split s = split.get(key(name));
        if (s == null) {
            return Map.of();
        }
        try {
            return ViewTasks.lag(store(), s.plan(), s.def().groupId(), s.inputs());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Whether job {@code name} runs as tasks (this process is a member of its task group). */
    boolean splitJob(String name) {
        return split.containsKey(key(name));
    }

    /** Leaves every group (engine close): the work done here moves to the other processes. */
    @Override
    public void close() {
        owners.close();
        for (String name : List.copyOf(split.keySet())) {
            Split s = split.remove(name);
            if (s != null) {
                s.tasks().close();
            }
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
