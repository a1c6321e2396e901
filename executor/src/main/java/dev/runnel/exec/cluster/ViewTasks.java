package dev.runnel.exec.cluster;

import dev.runnel.exec.plan.PipelineMetrics;
import dev.runnel.exec.source.StartPositions;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaMembership;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.ScanStart;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * This process's share of one view's tasks: a member of the view's consumer group over its tasks
 * topic ({@link ClusterPlan}); Kafka assigns partitions of that topic to the cluster's processes,
 * and holding partition {@code i} means running task {@code i} — of a split view a stage A per
 * input whose stream has a partition {@code i} (that partition to the input's repartition topic)
 * and stage B (partition {@code i} of every repartition topic to the changes topic), or the whole
 * query of a single-task view. When Kafka takes a partition
 * away (another process joined, or this one leaves) the task stops before the revoke completes;
 * when a process dies, Kafka notices after the session timeout and gives its partitions to the
 * others, whose tasks fence the dead one's writers and continue from its last committed state.
 * A persistent job's tasks run the same way ({@link Groups#job}), writing the job's target.
 * Thread-safe.
 */
public final class ViewTasks implements AutoCloseable {
    /** The session timeout of task membership: how long a dead process holds its tasks. */
    public static final long SESSION_TIMEOUT_MS = 10_000;

    private final KafkaLogStore store;
    private final ClusterPlan plan;
    private final Groups groups;
    private final StartPositions starts;
    private final String fingerprint;
    private final TaskPipelines pipelines;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final long intervalMillis;
    /** Running tasks by task number: one, or the stage As and the stage B of a split view, each. */
    private final Map<Integer, List<ClusterTask>> running = new TreeMap<>();
    private final KafkaMembership membership;
    /**
     * Standby copies of the state of tasks other processes run ({@code standby.replicas}); null
     * until the constructor made it (Kafka may assign tasks before).
     */
    private volatile StandbyStates standbys;
    private final StateRestores restores = new StateRestores();

    /**
     * The names of one view's or job's groups: {@code members} (the processes sharing its tasks),
     * {@code offsets} (the tasks' committed input positions: its lag) and the prefix of its tasks'
     * transactional ids.
     */
    public record Groups(String members, String offsets, String transactions) {
        /** View {@code view}'s: {@code view-<view>}, {@code view-<view>.offsets}. */
        public static Groups view(String view) {
            return new Groups(group(view), offsetsGroup(view), "view-" + view + ".");
        }

        /**
         * Job {@code job}'s: {@code job-<job>.tasks}, and {@code job-<job>} for its offsets (the
         * group a job reads through outside a cluster too, so SHOW JOBS and Kafka's tools show its lag).
         */
        public static Groups job(String job) {
            String j = "job-" + job.toLowerCase(java.util.Locale.ROOT);
            return new Groups(j + ".tasks", j, j + ".");
        }
    }

    private ViewTasks(KafkaLogStore store, ClusterPlan plan, Groups groups, StartPositions starts, String fingerprint,
            TaskPipelines pipelines, BufferAllocator allocator, Clock clock, long intervalMillis, String memberInfo,
            int standbyReplicas) {
        this.store = store;
        this.plan = plan;
        this.groups = groups;
        this.starts = starts;
        this.fingerprint = fingerprint;
        this.pipelines = pipelines;
        this.allocator = allocator;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.membership = KafkaMembership.join(store, groups.members(), List.of(plan.tasksTopic()), memberInfo,
                SESSION_TIMEOUT_MS, new KafkaMembership.Listener() {
                    @Override
                    public void assigned(Collection<TopicPartition> partitions) {
                        partitions.forEach(tp -> startTask(tp.partition()));
                    }

                    @Override
                    public void revoked(Collection<TopicPartition> partitions) {
                        stopTasks(partitions.stream().map(TopicPartition::partition).toList(), true);
                    }

                    @Override
                    public void lost(Collection<TopicPartition> partitions) {
                        stopTasks(partitions.stream().map(TopicPartition::partition).toList(), false);
                    }
                });
        this.standbys = new StandbyStates(store, plan, standbyReplicas, membership::memberId, this::runs);
    }

    private synchronized boolean runs(int task) {
        return running.containsKey(task);
    }

    /** The consumer group whose members run view {@code view}'s tasks. */
    public static String group(String view) {
        return "view-" + view;
    }

    /**
     * The group (without members) whose committed offsets say how far view {@code view}'s tasks
     * have read each partition of their inputs, committed with their output: its lag is the view's.
     */
    public static String offsetsGroup(String view) {
        return "view-" + view + ".offsets";
    }

    /**
     * The group stage-B task {@code i} commits its positions to: the view's ({@link #offsetsGroup}),
     * or, when stage B reads a table whole ({@link ClusterPlan#broadcastTopics}), one of its own —
     * every stage-B task reads that table's partitions, each to its own position.
     */
    public static String stageBOffsetsGroup(ClusterPlan plan, int i) {
        return stageBOffsetsGroup(plan, offsetsGroup(plan.view()), i);
    }

    /** As {@link #stageBOffsetsGroup(ClusterPlan, int)}, for tasks whose offsets group is {@code group} (a job's). */
    static String stageBOffsetsGroup(ClusterPlan plan, String group, int i) {
        return plan.broadcastTopics().isEmpty() ? group : group + ".b" + i;
    }

    /** Creates the view's internal topics (those that exist are kept: another process made them). */
    public static void createTopics(KafkaLogStore store, ClusterPlan plan) {
        TopicConfig tasks = TopicConfig.ofPartitions(plan.tasks());
        store.createInternalTopicIfAbsent(plan.tasksTopic(), tasks);
        store.createInternalTopicIfAbsent(plan.stateTopic(), TopicConfig.ofPartitions(plan.tasks())
                .with("cleanup.policy", "compact"));
        if (plan.changes().storage().topic().equals(ClusterPlan.topic(plan.view(), "changes"))) { // not a job's target
            store.createInternalTopicIfAbsent(plan.changes().storage().topic(), TopicConfig.ofPartitions(plan.tasks())
                    .with("cleanup.policy", "compact"));
        }
        for (ClusterPlan.Repartition in : plan.inputs()) {
            store.createInternalTopicIfAbsent(in.topic().storage().topic(), tasks);
        }
    }

    /** Deletes the view's internal topics (DROP). */
    public static void deleteTopics(KafkaLogStore store, String view) {
        for (String t : ClusterPlan.topics(view)) {
            store.deleteInternalTopic(t);
        }
    }

    /** Joins the view's group: this process runs the tasks Kafka gives it until {@link #close}. */
    public static ViewTasks join(KafkaLogStore store, ClusterPlan plan, String fingerprint,
            TaskPipelines pipelines, BufferAllocator allocator, Clock clock, long intervalMillis,
            String memberInfo) {
        return join(store, plan, fingerprint, pipelines, allocator, clock, intervalMillis, memberInfo, 0);
    }

    /**
     * As {@link #join(KafkaLogStore, ClusterPlan, String, TaskPipelines, BufferAllocator, Clock, long, String)},
     * keeping warm copies of the state of the tasks this process is one of {@code standbyReplicas}
     * standbys of ({@link StandbyStates}).
     */
    public static ViewTasks join(KafkaLogStore store, ClusterPlan plan, String fingerprint,
            TaskPipelines pipelines, BufferAllocator allocator, Clock clock, long intervalMillis,
            String memberInfo, int standbyReplicas) {
        return new ViewTasks(store, plan, Groups.view(plan.view()), StartPositions.of(store, ScanStart.EARLIEST),
                fingerprint, pipelines, allocator, clock, intervalMillis, memberInfo, standbyReplicas);
    }

    /**
     * Joins the group {@code groups.members()}: this process runs the tasks Kafka gives it until
     * {@link #close}; a task without committed state starts reading at {@code starts} (a job's
     * tasks: no standbys).
     */
    public static ViewTasks join(KafkaLogStore store, ClusterPlan plan, Groups groups, StartPositions starts,
            String fingerprint, TaskPipelines pipelines, BufferAllocator allocator, Clock clock, long intervalMillis,
            String memberInfo) {
        return new ViewTasks(store, plan, groups, starts, fingerprint, pipelines, allocator, clock, intervalMillis,
                memberInfo, 0);
    }

    private synchronized void startTask(int i) {
        if (running.containsKey(i)) {
            return;
        }
        List<ClusterTask> tasks = new ArrayList<>();
        TopicPartition state = new TopicPartition(plan.stateTopic(), i);
        String txn = groups.transactions();
        Optional<String> offsets = Optional.of(groups.offsets());
        if (plan.split()) {
            java.util.Set<String> repTopics = new java.util.HashSet<>();
            for (int j = 0; j < plan.inputs().size(); j++) {
                ClusterPlan.Repartition in = plan.inputs().get(j);
                RelationDef rep = in.topic();
                repTopics.add(rep.storage().topic());
                if (i >= in.sourcePartitions()) {
                    continue; // this input's stream has fewer partitions than the view has tasks
                }
                String a = j == 0 ? "a" + i : "a" + j + "-" + i;
                tasks.add(new ClusterTask(store, new ClusterTask.Spec(plan.view() + "/" + a, txn + a, in.stageA(),
                        (topic, p) -> p == i, rep, state, fingerprint, offsets, intervalMillis,
                        rep.watermark().isPresent() ? i : -1, starts), pipelines, allocator, clock));
            }
            tasks.add(new ClusterTask(store, new ClusterTask.Spec(plan.view() + "/b" + i, txn + "b" + i,
                    plan.stageB(), (topic, p) -> !repTopics.contains(topic) || p == i, plan.changes(), state,
                    fingerprint, Optional.of(stageBOffsetsGroup(plan, groups.offsets(), i)), intervalMillis, -1,
                    starts), pipelines, allocator, clock));
        } else {
            boolean own = plan.perPartition(); // a stateless job's task reads its stream partition only
            tasks.add(new ClusterTask(store, new ClusterTask.Spec(plan.view() + "/" + i, txn + i, plan.stageB(),
                    (topic, p) -> !own || p == i, plan.changes(), state, fingerprint, offsets, intervalMillis, -1,
                    starts), pipelines, allocator, clock));
        }
        StandbyStates sb = standbys;
        StateMirror standby = sb == null ? null : sb.take(i); // a standby of the task: restore from its copy
        tasks.forEach(t -> t.useState(standby, restores));
        running.put(i, tasks);
        tasks.forEach(ClusterTask::start);
    }

    /**
     * Stops tasks {@code numbers}, all at once (a revoke must be quick: the group's rebalance waits
     * for it): {@code handOff} — a partition moving to another process, or this one leaving — has
     * each commit what it did first, so the next holder redoes nothing; otherwise (this process
     * lost its partitions, they may run elsewhere already) they stop without committing. A task
     * that does not stop in time is left to finish alone — its writer is fenced by the next
     * holder's, so it can commit nothing more.
     */
    private void stopTasks(Collection<Integer> numbers, boolean handOff) {
        List<ClusterTask> tasks = new ArrayList<>();
        synchronized (this) {
            for (int i : numbers) {
                List<ClusterTask> t = running.remove(i);
                if (t != null) {
                    tasks.addAll(t);
                }
            }
        }
        tasks.forEach(handOff ? ClusterTask::handOff : ClusterTask::cancel);
        long deadline = System.currentTimeMillis() + (handOff ? 8_000 : 5_000);
        for (ClusterTask t : tasks) {
            t.awaitStopped(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    /** The tasks this process runs now, with their state. */
    public synchronized List<TaskInfo> tasks() {
        List<TaskInfo> out = new ArrayList<>();
        running.forEach((i, ts) -> ts.forEach(t -> out.add(new TaskInfo(t.name(), t.state(), t.commits(),
                t.committedAt(), t.rowsOut()))));
        return out;
    }

    /**
     * What the tasks running here did since they started: rows read by their first stage, rows
     * written to the output by their last, late rows, operator state and the lowest watermark of
     * their last stages ({@code Long.MIN_VALUE} when none has one yet).
     */
    public synchronized Totals totals() {
        long in = 0;
        long out = 0;
        long late = 0;
        long state = 0;
        long watermark = Long.MAX_VALUE;
        for (List<ClusterTask> ts : running.values()) {
            for (ClusterTask t : ts) {
                PipelineMetrics m = t.metrics();
                boolean first = t == ts.get(0);
                boolean last = t == ts.get(ts.size() - 1);
                if (m != null) {
                    in += first ? m.rowsIn() : 0;
                    late += m.lateRowsDropped() + m.lateRowsRouted() + m.lateRowsUpdating();
                    state += m.stateBytes();
                    if (last) {
                        watermark = Math.min(watermark, m.sourceWatermark());
                    }
                }
                out += last ? t.rowsOut() : 0;
            }
        }
        return new Totals(in, out, late, state, watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark);
    }

    /** What this process's tasks of one view or job did: {@link #totals}. */
    public record Totals(long rowsIn, long rowsOut, long lateRows, long stateBytes, long watermark) {}

    /**
     * Each task's lag, by task number: the records of its input partitions (for a split view the
     * partition of each input's stream and of each repartition topic it reads, and every partition
     * of a table its stage B reads whole) after the offsets it
     * committed last — from Kafka, so it holds for tasks running in any process. A single task
     * reads every partition of {@code inputTopics}.
     */
    public static Map<Integer, Long> lag(KafkaLogStore store, ClusterPlan plan, List<String> inputTopics) {
        return lag(store, plan, offsetsGroup(plan.view()), inputTopics);
    }

    /** As {@link #lag(KafkaLogStore, ClusterPlan, List)}, for tasks committing their offsets to {@code group}. */
    public static Map<Integer, Long> lag(KafkaLogStore store, ClusterPlan plan, String group, List<String> inputTopics) {
        Map<Integer, Long> out = new TreeMap<>();
        if (plan.perPartition()) {
            for (int i = 0; i < plan.tasks(); i++) {
                out.put(i, lag(store, group, new TopicPartition(inputTopics.get(0), i)));
            }
        } else if (plan.split()) {
            List<String> broadcast = plan.broadcastTopics();
            for (int i = 0; i < plan.tasks(); i++) {
                long lag = 0;
                String b = stageBOffsetsGroup(plan, group, i);
                for (ClusterPlan.Repartition in : plan.inputs()) {
                    if (i < in.sourcePartitions()) {
                        lag += lag(store, group, new TopicPartition(in.source().storage().topic(), i));
                    }
                    lag += lag(store, b, new TopicPartition(in.topic().storage().topic(), i));
                }
                for (String t : broadcast) {
                    for (var p : store.describeTopic(t).partitions()) {
                        lag += lag(store, b, new TopicPartition(t, p.partition()));
                    }
                }
                out.put(i, lag);
            }
        } else {
            long total = 0;
            for (String t : inputTopics) {
                for (var p : store.describeTopic(t).partitions()) {
                    total += lag(store, group, new TopicPartition(t, p.partition()));
                }
            }
            out.put(0, total);
        }
        return out;
    }

    private static long lag(KafkaLogStore store, String group, TopicPartition tp) {
        long end = store.logEndOffset(tp);
        long at = store.groups().committed(group, tp).orElse(store.logStartOffset(tp));
        return Math.max(0, end - at);
    }

    /** The task numbers this process keeps standby copies of the state of. */
    public Set<Integer> standbyTasks() {
        StandbyStates sb = standbys;
        return sb == null ? Set.of() : sb.tasks();
    }

    /** Bytes of state the standby copies hold. */
    public long standbyBytes() {
        StandbyStates sb = standbys;
        return sb == null ? 0 : sb.heldBytes();
    }

    /** How the tasks started here restored their state, oldest first. */
    public List<StateRestores.Restore> restores() {
        return restores.all();
    }

    /**
     * What the running tasks' commits wrote to the state topic, by task name: bytes of records
     * (chunks, manifests, tombstones) of all commits and of the last, and the last snapshot's length.
     */
    public synchronized Map<String, StateWrites> stateWrites() {
        Map<String, StateWrites> out = new TreeMap<>();
        running.forEach((i, ts) -> ts.forEach(t -> {
            StateChunks c = t.stateChunks();
            out.put(t.name(), c == null ? new StateWrites(0, 0, 0, t.commits())
                    : new StateWrites(c.bytesWritten(), c.lastBytes(), c.lastSnapshot(), t.commits()));
        }));
        return out;
    }

    /** A task's state writes ({@link #stateWrites}). */
    public record StateWrites(long bytes, long lastBytes, long lastSnapshot, long commits) {}

    /** The standby tasks of each member of view {@code view}'s group (member id → task numbers), as SHOW CLUSTER shows them. */
    public static Map<String, Set<Integer>> standbys(KafkaLogStore store, String view, int tasks, int replicas) {
        return replicas <= 0 ? Map.of() : StandbyStates.choose(StandbyStates.members(store, view), tasks, replicas);
    }

    /** One running task as SHOW CLUSTER reports it. */
    public record TaskInfo(String name, String state, long commits, long committedAt, long rowsOut) {}

    /** Leaves the group: every task stops (Kafka gives them to the other processes). */
    @Override
    public void close() {
        StandbyStates sb = standbys;
        if (sb != null) {
            sb.close();
        }
        membership.close();
        List<Integer> left;
        synchronized (this) {
            left = new ArrayList<>(running.keySet());
        }
        stopTasks(left, true);
    }
}
