package dev.runnel.exec.cluster;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.exec.format.KeyEncoder;
import dev.runnel.exec.source.WatermarkRecords;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * How a materialized view's work is cut into tasks shared by the processes of a cluster, the way
 * Kafka Streams cuts a topology ({@link PlanCut} finds where): a view whose query has a keyed
 * stateful operator over stateless reads of streams — a GROUP BY or event-time window aggregate
 * with keys, a join of two streams on equi keys (regular, interval or window join), a Top-N or
 * deduplication, an OVER aggregate or MATCH_RECOGNIZE partitioned by keys — with nothing above it
 * that needs rows of other keys, runs in two stages with a <b>repartition topic</b> per input of
 * that operator between them. Stage-A task {@code i} of input {@code j} reads partition {@code i}
 * of that input's stream, evaluates its filters and projections and writes each row to the
 * partition of its key (murmur2 of the key, as Kafka's producer places records) in input
 * {@code j}'s repartition topic; both inputs of a join are keyed by the join key, encoded alike,
 * so key k of both sides lands in the same partition. Stage-B task {@code i} reads partition
 * {@code i} of every repartition topic, so it sees every row of its keys, and runs the operator
 * and what is above it. Watermarks cross a repartition topic as watermark records
 * ({@link WatermarkRecords}): stage-A task {@code i} writes its partition's watermark to every
 * partition of its input's repartition topic with its rows, and a stage-B scan's watermark is the
 * minimum over that input's stream partitions, as the stream's own scan would have it (so a join
 * sees each input's own watermark); each row keeps its {@code _watermark}. With inputs of
 * different partition counts the view has as many tasks as the larger (task {@code i} has a stage
 * A for each input with a partition {@code i}). Any other view runs as a single task (its whole
 * query over every partition), which still moves to another process when its own dies. A view over
 * a view reads that view's changes topic (a table, upserts by key), so its task's state and
 * positions are Kafka's and move with it. Every task writes the view's changes, upserts by the
 * view's unique key, to the view's <b>changes topic</b> (compacted), which every process follows
 * into its copy of the view.
 *
 * <p>A persistent job ({@code INSERT INTO target SELECT ...}) is cut the same way
 * ({@link #cut}), its tasks writing the job's target instead of a changes topic; a job that only
 * filters and projects one stream runs as one task per stream partition, task {@code i} reading
 * partition {@code i} (a view cannot be such a query: it would have no unique key).
 *
 * <p>The internal topics of view {@code v}: {@code __v.tasks} (one partition per task: what the
 * processes' consumer group splits), {@code __v.repartition} (and {@code __v.repartition-1} for a
 * join's right input), {@code __v.changes} and {@code __v.state} (each task's checkpointed state,
 * compacted); a job's are named after {@code job-<job>} ({@code __job-<job>.tasks}, ...) and it has
 * no changes topic.
 *
 * @param view    the name the internal topics are made of: the view's, or {@code job-<job>}
 * @param tasks   how many tasks (partitions of the tasks topic)
 * @param inputs  the repartitioned inputs of a split view (empty for a single-stage view)
 * @param stageB  the query of a stage-B task: over the repartition topics when split, else the view's query
 * @param changes what stage B (or the single stage) writes: a view's changes topic (a table with the
 *                view's columns and unique key), or a job's target
 */
public record ClusterPlan(String view, int tasks, List<Repartition> inputs, PhysicalNode stageB,
        RelationDef changes) {

    /**
     * One repartitioned input: the stage-A query (over {@code source}, a stream of
     * {@code sourcePartitions} partitions) and the repartition topic's relation it writes to (a
     * stream keyed by the cut operator's keys, of {@code tasks} partitions).
     */
    public record Repartition(PhysicalNode stageA, RelationDef source, int sourcePartitions, RelationDef topic) {}

    /** The most repartition topics a view has (a join's two inputs). */
    static final int MAX_INPUTS = 2;

    public ClusterPlan {
        inputs = List.copyOf(inputs);
    }

    public String tasksTopic() {
        return topic(view, "tasks");
    }

    public String stateTopic() {
        return topic(view, "state");
    }

    public boolean split() {
        return !inputs.isEmpty();
    }

    /**
     * Whether task {@code i} of a single-stage plan reads only partition {@code i} of its stream
     * (a stateless job over a stream of several partitions) rather than everything.
     */
    public boolean perPartition() {
        return inputs.isEmpty() && tasks > 1;
    }

    /** The stage-A query of the first input, empty for a single-stage view. */
    public Optional<PhysicalNode> stageA() {
        return inputs.isEmpty() ? Optional.empty() : Optional.of(inputs.get(0).stageA());
    }

    /** The first input's repartition topic, empty for a single-stage view. */
    public Optional<RelationDef> repartition() {
        return inputs.isEmpty() ? Optional.empty() : Optional.of(inputs.get(0).topic());
    }

    /**
     * The topics stage B reads whole (every partition, in every stage-B task): a table joined with
     * a repartitioned stream. Empty for a single-stage view and when stage B reads only repartition
     * topics.
     */
    public List<String> broadcastTopics() {
        if (!split()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        scanTopics(stageB, out);
        for (Repartition in : inputs) {
            out.remove(in.topic().storage().topic());
        }
        return List.copyOf(out);
    }

    private static void scanTopics(PhysicalNode node, List<String> out) {
        if (node instanceof ScanNode s && !out.contains(s.relation().storage().topic())) {
            out.add(s.relation().storage().topic());
        }
        node.inputs().forEach(i -> scanTopics(i, out));
    }

    /** The internal topic {@code what} of view {@code view}. */
    public static String topic(String view, String what) {
        return "__" + view.toLowerCase(Locale.ROOT) + "." + what;
    }

    /** The repartition topic of input {@code j} of view {@code view}. */
    public static String repartitionTopic(String view, int j) {
        return topic(view, j == 0 ? "repartition" : "repartition-" + j);
    }

    /** Every internal topic of view {@code view}. */
    public static List<String> topics(String view) {
        List<String> out = new ArrayList<>(List.of(topic(view, "tasks")));
        for (int j = 0; j < MAX_INPUTS; j++) {
            out.add(repartitionTopic(view, j));
        }
        out.add(topic(view, "changes"));
        out.add(topic(view, "state"));
        return List.copyOf(out);
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
        return cut(name, query, partitions, tasks -> changesDef(name, def, tasks));
    }

    /**
     * Cuts {@code query} into tasks whose last stage writes {@code output.apply(tasks)} (a view's
     * changes topic, a job's target); {@code name} names the internal topics. A keyed operator over
     * streams ({@link PlanCut}) splits in two stages; a stateless read of one stream runs as one task
     * per partition; anything else as one task.
     */
    public static ClusterPlan cut(String name, PhysicalNode query, ToIntFunction<RelationDef> partitions,
            IntFunction<RelationDef> output) {
        query = overChanges(query, partitions);
        Optional<PlanCut.Cut> cut = PlanCut.of(query);
        int tasks = 1;
        List<Repartition> inputs = new ArrayList<>();
        PhysicalNode stageB = query;
        ScanNode stateless = statelessScan(query);
        if (cut.isEmpty() && stateless != null && stateless.relation().kind() == RelationKind.STREAM) {
            tasks = partitions.applyAsInt(stateless.relation());
        }
        if (cut.isPresent()) {
            List<PlanCut.Input> in = cut.get().inputs();
            int[] sourcePartitions = new int[in.size()];
            for (int j = 0; j < in.size(); j++) {
                sourcePartitions[j] = partitions.applyAsInt(in.get(j).source().relation());
                tasks = Math.max(tasks, sourcePartitions[j]);
            }
            PhysicalNode operator = cut.get().operator();
            List<PhysicalNode> children = new ArrayList<>(operator.inputs());
            for (int j = 0; j < in.size(); j++) {
                PlanCut.Input input = in.get(j);
                RelationDef rep = repartitionDef(repartitionTopic(name, j), input, sourcePartitions[j], tasks);
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < rep.columns().size(); i++) {
                    all.add(i);
                }
                children.set(input.child(), new ScanNode(rep, all, input.query().schema()));
                inputs.add(new Repartition(input.query(), input.source().relation(), sourcePartitions[j], rep));
            }
            stageB = PlanCut.replace(query, operator, PlanCut.withInputs(operator, children));
        }
        return new ClusterPlan(name, tasks, inputs, stageB, output.apply(tasks));
    }

    /** The one scan under a chain of projections and filters, or null. */
    private static ScanNode statelessScan(PhysicalNode node) {
        while (node instanceof dev.runnel.planner.physical.ProjectNode
                || node instanceof dev.runnel.planner.physical.FilterNode) {
            node = node.inputs().get(0);
        }
        return node instanceof ScanNode s ? s : null;
    }

    /** The changes topic's relation of view {@code name} (of definition {@code def}) in {@code tasks} partitions. */
    private static RelationDef changesDef(String name, RelationDef def, int tasks) {
        return new RelationDef(topic(name, "changes"), RelationKind.TABLE, def.columns(), def.primaryKey(),
                Optional.empty(), new StorageSpec(topic(name, "changes"), tasks, Format.JSON, def.primaryKey(), null),
                Map.of(KeyEncoder.ARRAY_KEYS, "true"), ""); // a NULL group (or partition) key is a row's key too
    }

    /**
     * The repartition topic of one input: its rows' columns ({@code c0}, {@code c1}, …), keyed by
     * the cut's keys; with an event-time column, a watermark on it that comes from watermark
     * records of {@code sourcePartitions} slots (the stream's partitions), and the stream's idle timeout.
     */
    private static RelationDef repartitionDef(String topic, PlanCut.Input input, int sourcePartitions, int tasks) {
        RowSchema in = input.query().schema();
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            cols.add(new Column("c" + i, in.get(i).type()));
        }
        Optional<WatermarkSpec> watermark = Optional.empty();
        Map<String, String> options = new HashMap<>();
        options.put(KeyEncoder.ARRAY_KEYS, "true"); // a NULL key is a key: its rows in one partition
        if (input.timeColumn() >= 0 && input.source().relation().watermark().isPresent()) {
            watermark = Optional.of(new WatermarkSpec(input.timeColumn(), 0));
            options.put(WatermarkRecords.OPTION, Integer.toString(sourcePartitions));
            String idle = input.source().relation().options().get("idle_timeout");
            if (idle != null) {
                options.put("idle_timeout", idle);
            }
        }
        return new RelationDef(topic, RelationKind.STREAM, cols, List.of(), watermark,
                new StorageSpec(topic, tasks, Format.JSON, input.keys(), null), Map.copyOf(options), "");
    }

    /**
     * {@code query} with every scan of a materialized view made a scan of that view's changes topic
     * (a table: upserts by the view's key), the view as a cluster keeps it: a task reading it keeps
     * its positions in Kafka's offsets and its state in the state topic, so it moves between
     * processes without reading another process's copy of the view.
     */
    private static PhysicalNode overChanges(PhysicalNode node, ToIntFunction<RelationDef> partitions) {
        if (node instanceof ScanNode scan) {
            if (scan.relation().kind() != RelationKind.MATERIALIZED_VIEW) {
                return scan;
            }
            RelationDef v = scan.relation();
            String name = v.name().toLowerCase(Locale.ROOT);
            RelationDef changes = changesDef(name, v, partitions.applyAsInt(changesDef(name, v, 1)));
            return new ScanNode(changes, scan.columns(), scan.schema(), scan.start());
        }
        List<PhysicalNode> in = new ArrayList<>();
        boolean changed = false;
        for (PhysicalNode i : node.inputs()) {
            PhysicalNode o = overChanges(i, partitions);
            changed |= o != i;
            in.add(o);
        }
        return changed ? PlanCut.withInputs(node, in) : node;
    }
}
