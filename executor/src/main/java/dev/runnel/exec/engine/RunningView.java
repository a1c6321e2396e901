package dev.runnel.exec.engine;

import dev.runnel.exec.cluster.ClusterPlan;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.view.ViewTable;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.RowSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** A view's table, job and progress. */
final class RunningView {
    final RelationDef def;
    final ViewTable table;
    final List<String> reads;
    final CountDownLatch done = new CountDownLatch(1);
    final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    /** Per view it reads (lower-case name): the version of that view its job has applied up to. */
    final Map<String, Long> viewVersions = new ConcurrentHashMap<>();
    volatile Pipeline pipeline;
    volatile String state = "RUNNING";
    volatile String reason;
    volatile long changesApplied;
    volatile boolean stopping;
    /** Its checkpoints: what was saved and restored, and when the next is due. */
    final Checkpoints checkpoints;
    /** Told of every change of {@link #positions} or {@link #viewVersions}: what read-your-writes waits on. */
    final ViewProgress progress = new ViewProgress();
    /** In a cluster: how the view's work is cut, and this process's share of its tasks (else null). */
    volatile ClusterPlan plan;
    volatile ViewTasks tasks;

    RunningView(RelationDef def, List<String> reads, RunnelEngine engine) {
        this.def = def;
        this.table = new ViewTable(new RowSchema(def.columns()), def.primaryKey());
        this.reads = List.copyOf(reads);
        this.checkpoints = Checkpoints.ofView(engine, def, table, this.reads);
    }
}
