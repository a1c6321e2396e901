package dev.runnel.exec.cluster;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.exec.source.WatermarkRecords;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * How a materialized view's work is cut into tasks shared by the processes of a cluster, the way
 * Kafka Streams cuts a topology: a view whose query is a GROUP BY (or a window aggregate on event
 * time) with keys over a filtered, projected stream runs in two stages with a <b>repartition topic</b> between them — task {@code i} of stage A reads
 * partition {@code i} of the stream, evaluates the filters and projections and writes each row to
 * the repartition topic's partition of its group key (murmur2 of the key, as Kafka's producer
 * places records); task {@code i} of stage B reads partition {@code i} of the repartition topic,
 * so it sees every row of its keys, and keeps their aggregates. A window's watermark crosses the
 * repartition topic as watermark records ({@link WatermarkRecords}): stage-A task {@code i} writes
 * its partition's watermark to every repartition partition with its rows, and a stage-B task's
 * watermark is the minimum over the stream's partitions, as the stream's own scan would have it;
 * each row keeps its {@code _watermark} (its partition's, which decides whether it is late). Any other view runs as a single
 * task (its whole query over every partition), which still moves to another process when its own
 * dies. Every task writes the view's changes, upserts by the view's unique key, to the view's
 * <b>changes topic</b> (compacted), which every process follows into its copy of the view.
 *
 * <p>A persistent job ({@code INSERT INTO target SELECT ...}) is cut the same way
 * ({@link #cut}), its tasks writing the job's target instead of a changes topic; a job that only
 * filters and projects one stream runs as one task per stream partition, task {@code i} reading
 * partition {@code i} (a view cannot be such a query: it would have no unique key).
 *
 * <p>The internal topics of view {@code v}: {@code __v.tasks} (one partition per task: what the
 * processes' consumer group splits), {@code __v.repartition}, {@code __v.changes} and
 * {@code __v.state} (each task's checkpointed state, compacted); a job's are named after
 * {@code job-<job>} ({@code __job-<job>.tasks}, ...) and it has no changes topic.
 *
 * @param view    the name the internal topics are made of: the view's, or {@code job-<job>}
 * @param tasks   how many tasks (partitions of the tasks topic)
 * @param stageA  the query of a stage-A task (over the stream), empty for a single-stage view
 * @param repartition the repartition topic's relation (a stream keyed by the group key), if split
 * @param stageB  the query of a stage-B task: over the repartition topic when split, else the view's query
 * @param changes what stage B (or the single stage) writes: a view's changes topic (a table with the
 *                view's columns and unique key), or a job's target
 */
public record ClusterPlan(String view, int tasks, Optional<PhysicalNode> stageA, Optional<RelationDef> repartition,
        PhysicalNode stageB, RelationDef changes) {

    public String tasksTopic() {
        return topic(view, "tasks");
    }

    public String stateTopic() {
        return topic(view, "state");
    }

    public boolean split() {
        return stageA.isPresent();
    }

    /**
     * Whether task {@code i} of a single-stage plan reads only partition {@code i} of its stream
     * (a stateless job over a stream of several partitions) rather than everything.
     */
    public boolean perPartition() {
        return stageA.isEmpty() && tasks > 1;
    }

    /** The internal topic {@code what} of view {@code view}. */
    public static String topic(String view, String what) {
        return "__" + view.toLowerCase(Locale.ROOT) + "." + what;
    }

    /** Every internal topic of view {@code view}. */
    public static List<String> topics(String view) {
        return List.of(topic(view, "tasks"), topic(view, "repartition"), topic(view, "changes"), topic(view, "state"));
    }

    /**
     * Cuts {@code query}, the query of view {@code def}; {@code partitions} tells a stream's
     * partition count. Refuses (0A000) a view without a unique key: its changes could not be upserts.
     */
    public static ClusterPlan of(RelationDef def, PhysicalNode query, ToIntFunction<RelationDef> partitions) {
        if (def.primaryKey().isEmpty()) {
            throw new RunnelSqlException("0A000", "materialized view " + def.name() + " has no unique key (its query"
                    + " keeps whole rows with counts), which a view shared by a cluster needs: its changes are"
                    + " upserts by key; group by the columns that identify a row", SourcePos.UNKNOWN);
        }
        String name = def.name().toLowerCase(Locale.ROOT);
        return cut(name, query, partitions, tasks -> new RelationDef(topic(name, "changes"), RelationKind.TABLE,
                def.columns(), def.primaryKey(), Optional.empty(), new StorageSpec(topic(name, "changes"), tasks,
                        Format.JSON, def.primaryKey(), null), Map.of(), ""));
    }

    /**
     * Cuts {@code query} into tasks whose last stage writes {@code output.apply(tasks)} (a view's
     * changes topic, a job's target); {@code name} names the internal topics. A keyed aggregate over
     * a stream splits in two stages; a stateless read of one stream runs as one task per partition;
     * anything else as one task.
     */
    public static ClusterPlan cut(String name, PhysicalNode query, ToIntFunction<RelationDef> partitions,
            IntFunction<RelationDef> output) {
        Optional<PhysicalNode> keyed = splittable(query);
        int tasks = 1;
        Optional<PhysicalNode> stageA = Optional.empty();
        Optional<RelationDef> rep = Optional.empty();
        PhysicalNode stageB = query;
        ScanNode stateless = scanOf(query);
        if (keyed.isEmpty() && stateless != null && stateless.relation().kind() == RelationKind.STREAM) {
            tasks = partitions.applyAsInt(stateless.relation());
        }
        if (keyed.isPresent()) {
            PhysicalNode k = keyed.get();
            PhysicalNode input = k.inputs().get(0);
            ScanNode source = scanOf(input);
            tasks = partitions.applyAsInt(source.relation());
            RowSchema in = input.schema();
            List<Column> cols = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                cols.add(new Column("c" + i, in.get(i).type()));
            }
            Optional<WatermarkSpec> watermark = Optional.empty();
            Map<String, String> options = Map.of();
            if (k instanceof WindowAggregateNode w) { // window on event time: the watermark crosses as records
                watermark = Optional.of(new WatermarkSpec(w.window().timeColumn(), 0));
                Map<String, String> o = new java.util.HashMap<>();
                o.put(WatermarkRecords.OPTION, Integer.toString(tasks));
                String idle = source.relation().options().get("idle_timeout");
                if (idle != null) {
                    o.put("idle_timeout", idle);
                }
                options = Map.copyOf(o);
            }
            List<Integer> keys = k instanceof AggregateNode a ? a.groupKeys() : ((WindowAggregateNode) k).groupKeys();
            RelationDef repDef = new RelationDef(topic(name, "repartition"), RelationKind.STREAM, cols, List.of(),
                    watermark, new StorageSpec(topic(name, "repartition"), tasks, Format.JSON, keys, null), options,
                    "");
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                all.add(i);
            }
            ScanNode repScan = new ScanNode(repDef, all, in);
            stageA = Optional.of(input);
            rep = Optional.of(repDef);
            PhysicalNode over = k instanceof AggregateNode a
                    ? new AggregateNode(repScan, a.groupKeys(), a.calls(), a.schema())
                    : overRepartition((WindowAggregateNode) k, repScan);
            stageB = replace(query, k, over);
        }
        return new ClusterPlan(name, tasks, stageA, rep, stageB, output.apply(tasks));
    }

    private static WindowAggregateNode overRepartition(WindowAggregateNode w, ScanNode repScan) {
        return new WindowAggregateNode(repScan, w.window(), w.watermarkColumn(), w.groupKeys(), w.calls(), w.late(),
                w.processingTime(), w.schema());
    }

    /**
     * The keyed aggregate under projections and filters at the top — a GROUP BY with keys, or a
     * window aggregate on event time with keys — if its input is a stateless read of one stream.
     */
    private static Optional<PhysicalNode> splittable(PhysicalNode node) {
        while (node instanceof ProjectNode || node instanceof FilterNode) {
            node = node.inputs().get(0);
        }
        boolean keyed = node instanceof AggregateNode a && !a.groupKeys().isEmpty()
                || node instanceof WindowAggregateNode w && !w.groupKeys().isEmpty() && !w.processingTime()
                        && w.watermarkColumn() >= 0;
        if (keyed && scanOf(node.inputs().get(0)) != null
                && scanOf(node.inputs().get(0)).relation().kind() == RelationKind.STREAM) {
            return Optional.of(node);
        }
        return Optional.empty();
    }

    /** The one scan under a chain of projections and filters, or null. */
    private static ScanNode scanOf(PhysicalNode node) {
        while (node instanceof ProjectNode || node instanceof FilterNode) {
            node = node.inputs().get(0);
        }
        return node instanceof ScanNode s ? s : null;
    }

    /** {@code node} with {@code from} (somewhere in its projection/filter chain) replaced by {@code to}. */
    private static PhysicalNode replace(PhysicalNode node, PhysicalNode from, PhysicalNode to) {
        if (node == from) {
            return to;
        }
        if (node instanceof ProjectNode p) {
            return new ProjectNode(replace(p.input(), from, to), p.exprs(), p.schema());
        }
        if (node instanceof FilterNode f) {
            return new FilterNode(replace(f.input(), from, to), f.condition());
        }
        throw new IllegalStateException("not in the chain: " + from);
    }
}
