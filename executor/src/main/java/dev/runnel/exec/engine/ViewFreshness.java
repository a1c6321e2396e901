package dev.runnel.exec.engine;

import dev.runnel.exec.cluster.ClusterPlan;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How fresh the engine's materialized views are: their lag behind their inputs (SHOW, DESCRIBE,
 * eventual-consistency warnings, SHOW CLUSTER's per task) and read-your-writes — waiting until a
 * view reflects every record appended to its inputs before a query. A view of this process counts
 * its job's scan positions; a view shared by a cluster counts what its tasks committed in Kafka
 * (its offsets group), wherever they run, then this process's copy of its changes topic.
 */
final class ViewFreshness {
    private final RunnelEngine engine;
    private final Views views;

    ViewFreshness(RunnelEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    /**
     * How far behind its inputs a view is: per partition of every stream and table it reads, the
     * records appended that its job has not applied yet; -1 while it has not read every partition.
     */
    long lag(RunningView v) {
        if (v.plan != null) {
            return clusterLag(v);
        }
        long lag = 0;
        for (String name : v.reads) {
            Optional<RelationDef> r = engine.catalog().find(name);
            if (r.isEmpty() || r.get().kind() == RelationKind.MATERIALIZED_VIEW) {
                continue;
            }
            for (int p = 0; p < r.get().storage().partitions(); p++) {
                TopicPartition tp = new TopicPartition(r.get().storage().topic(), p);
                long end = engine.log().logEndOffset(tp);
                Long at = v.positions.get(tp);
                if (at == null) {
                    if (end > engine.log().logStartOffset(tp)) {
                        return -1;
                    }
                    continue;
                }
                lag += Math.max(0, end - at);
            }
        }
        return lag;
    }

    /**
     * The lag of each task of shared view {@code name} (both stages of a split one summed), by task
     * number; empty when the view is not shared or not running here.
     */
    Map<Integer, Long> taskLag(RunningView v) {
        if (v == null || v.plan == null) {
            return Map.of();
        }
        List<String> inputs = clusterInputs(v);
        try {
            return ViewTasks.lag(((KafkaLogStore) engine.log()), v.plan, inputs);
        } catch (RuntimeException e) {
            return Map.of(); // the cluster cannot say now: SHOW CLUSTER leaves the lag out
        }
    }

    /** A shared view's lag: records of its inputs its tasks have not committed yet (from the offsets groups). */
    private long clusterLag(RunningView v) {
        if (v.plan.split()) {
            long lag = 0;
            for (long l : ViewTasks.lag((KafkaLogStore) engine.log(), v.plan, clusterInputs(v)).values()) {
                lag += l;
            }
            return lag;
        }
        long lag = 0;
        String group = ViewTasks.offsetsGroup(v.plan.view());
        for (String topic : clusterInputs(v)) {
            for (var p : engine.log().describeTopic(topic).partitions()) {
                long at = engine.log().groups().committed(group, new TopicPartition(topic, p.partition()))
                        .orElse(p.logStartOffset());
                lag += Math.max(0, p.logEndOffset() - at);
            }
        }
        return lag;
    }

    /**
     * The topics a shared view's tasks read: its streams' and tables', and for a view it reads that
     * view's changes topic (which is what its tasks read of it, {@link ClusterPlan}).
     */
    private List<String> clusterInputs(RunningView v) {
        List<String> inputs = new ArrayList<>();
        for (String read : v.reads) {
            engine.catalog().find(read).ifPresent(r -> inputs.add(r.kind() == RelationKind.MATERIALIZED_VIEW
                    ? ClusterPlan.topic(r.name(), "changes") : r.storage().topic()));
        }
        return inputs;
    }

    /**
     * Waits until view {@code name} reflects every record appended to its inputs before this call
     * (through the views it reads, which are waited for first), or until {@code deadlineNanos};
     * returns whether it caught up.
     */
    boolean awaitCaughtUp(String name, long deadlineNanos) throws InterruptedException {
        RunningView v = views.view(name);
        if (v.plan != null) {
            return awaitClusterCaughtUp(v, deadlineNanos);
        }
        for (String read : v.reads) {
            Optional<RelationDef> r = engine.catalog().find(read);
            if (r.isEmpty()) {
                continue;
            }
            if (r.get().kind() == RelationKind.MATERIALIZED_VIEW) {
                if (!awaitCaughtUp(read, deadlineNanos)) {
                    return false;
                }
                long target = views.view(read).table.version();
                for (long seen = v.progress.reading(); v.viewVersions.getOrDefault(read.toLowerCase(Locale.ROOT), -1L) < target;
                        seen = v.progress.reading()) {
                    if (!pause(v, deadlineNanos, seen)) {
                        return false;
                    }
                }
                continue;
            }
            for (int p = 0; p < r.get().storage().partitions(); p++) {
                TopicPartition tp = new TopicPartition(r.get().storage().topic(), p);
                long end = engine.log().logEndOffset(tp);
                for (long seen = v.progress.reading(); end > engine.log().logStartOffset(tp)
                        && v.positions.getOrDefault(tp, -1L) < end; seen = v.progress.reading()) {
                    if (!pause(v, deadlineNanos, seen)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Read-your-writes for a view shared by a cluster, whichever processes run its tasks: waits
     * until the tasks have committed (output with offsets, one transaction) past every record of
     * its inputs appended before this call — for a split view first stage A over the streams, then
     * each stage B over what stage A wrote by then into its repartition partitions (and over every
     * partition of a table it reads whole, in its own offsets group) — and then until this
     * process's copy has applied the changes topic up to its end at that moment. A view it reads is
     * waited for first; then its tasks' offsets of that view's changes topic.
     */
    private boolean awaitClusterCaughtUp(RunningView v, long deadlineNanos) throws InterruptedException {
        ClusterPlan plan = v.plan;
        for (String read : v.reads) {
            Optional<RelationDef> r = engine.catalog().find(read);
            if (r.isPresent() && r.get().kind() == RelationKind.MATERIALIZED_VIEW
                    && !awaitCaughtUp(read, deadlineNanos)) {
                return false;
            }
        }
        List<String> broadcast = plan.broadcastTopics();
        Map<TopicPartition, Long> inputs = new LinkedHashMap<>();
        for (String topic : clusterInputs(v)) {
            if (!broadcast.contains(topic)) {
                ends(topic, inputs);
            }
        }
        if (!awaitCommitted(ViewTasks.offsetsGroup(plan.view()), inputs, deadlineNanos)) {
            return false;
        }
        Map<TopicPartition, Long> rep = new LinkedHashMap<>();
        for (ClusterPlan.Repartition in : plan.inputs()) {
            ends(in.topic().storage().topic(), rep);
        }
        Map<TopicPartition, Long> tables = new LinkedHashMap<>();
        for (String topic : broadcast) {
            ends(topic, tables);
        }
        for (int i = 0; plan.split() && i < plan.tasks(); i++) { // each stage B: its partition, tables whole
            Map<TopicPartition, Long> b = new LinkedHashMap<>(tables);
            for (var e : rep.entrySet()) {
                if (e.getKey().partition() == i) {
                    b.put(e.getKey(), e.getValue());
                }
            }
            if (!awaitCommitted(ViewTasks.stageBOffsetsGroup(plan, i), b, deadlineNanos)) {
                return false;
            }
        }
        Map<TopicPartition, Long> changes = new LinkedHashMap<>();
        ends(plan.changes().storage().topic(), changes);
        for (var e : changes.entrySet()) {
            for (long seen = v.progress.reading(); v.positions.getOrDefault(e.getKey(), -1L) < e.getValue();
                    seen = v.progress.reading()) {
                if (!pause(v, deadlineNanos, seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The end offsets of {@code topic}'s non-empty partitions, into {@code out}. */
    private void ends(String topic, Map<TopicPartition, Long> out) {
        List<TopicPartition> all = new ArrayList<>();
        for (var p : engine.log().describeTopic(topic).partitions()) {
            if (p.logEndOffset() > p.logStartOffset()) {
                all.add(new TopicPartition(topic, p.partition()));
            }
        }
        // on Kafka, the high watermark: the last stable offset (what the description reports) may lie
        // below records a task committed while another task's transaction on the partition is open
        if (engine.log() instanceof KafkaLogStore kafka) {
            out.putAll(kafka.highWatermarks(all));
        } else {
            all.forEach(tp -> out.put(tp, engine.log().logEndOffset(tp)));
        }
    }

    /** Waits until {@code group} has committed at least {@code targets} (polled every 20 ms). */
    private boolean awaitCommitted(String group, Map<TopicPartition, Long> targets, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            boolean done = true;
            for (var e : targets.entrySet()) {
                if (engine.log().groups().committed(group, e.getKey()).orElse(-1) < e.getValue()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return true;
            }
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits for the view's job to read on from where it was at the progress reading {@code seen}
     * (woken as soon as it does, re-checking its state every 10 ms); false once {@code deadlineNanos}
     * has passed or the view is not running.
     */
    private static boolean pause(RunningView v, long deadlineNanos, long seen) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !"RUNNING".equals(v.state)) {
            return false;
        }
        v.progress.await(seen, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        return true;
    }

}
