package dev.runnel.exec.cluster;

import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.type.TypeKind;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.WindowTopNNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a view's query is cut for a cluster ({@link ClusterPlan}): at the <b>first keyed stateful
 * operator</b> whose inputs are all stateless reads (scans, filters, projections) of streams — a
 * GROUP BY with keys, a window aggregate on event time with keys, a join of two streams on equi
 * keys (regular, interval or window join), a Top-N or deduplication, an OVER aggregate or a
 * MATCH_RECOGNIZE partitioned by keys. Each input of that operator becomes a stage-A query whose
 * rows are repartitioned by the operator's keys on that input; the operator and everything above
 * it run per repartition partition in stage B.
 *
 * <p>Everything above the cut must be right when it sees only the rows of some keys: filters and
 * projections, and keyed operators (GROUP BY, window aggregate, Top-N, OVER, MATCH_RECOGNIZE)
 * whose keys include, column for column, every key of the cut (rows with equal keys above then have
 * equal keys at the cut, so they are in one partition). The cut's keys are followed up the plan as
 * the output columns that carry them ({@code lineage}: per key, the set of columns equal to it).
 * Anything else above — a keyed operator on other keys, a join, a union, a scan of another
 * stream — and the view runs as one task (no second repartition). A join whose two inputs read the
 * same stream (a self-join) or whose key pairs would be encoded differently (a BIGINT key against a
 * DOUBLE one) is not cut either.
 *
 * <p>Tables (changelogs) are not repartitioned: a temporal join of a stream with a table is cut
 * with the stream repartitioned and the whole table read by every stage-B task, as Kafka Streams
 * joins a stream with a global table; any other operator over a table (a regular join with one
 * included), and the view runs as one task. Stateless.
 */
final class PlanCut {
    /**
     * One input of the cut operator: the stage-A query (a stateless read of {@code source}), the
     * columns of its rows that are the operator's keys, and its event-time column (-1: none).
     */
    record Input(int child, PhysicalNode query, ScanNode source, List<Integer> keys, int timeColumn) {}

    /**
     * The cut: the keyed operator and its repartitioned inputs, left to right; a join's table side
     * (if any) is not among them: every stage-B task reads all of it.
     */
    record Cut(PhysicalNode operator, List<Input> inputs) {}

    private PlanCut() {}

    /** What {@link #analyze} found under a node: a stateless read, a cut with its key lineage, or neither (null). */
    private sealed interface Found permits Read, TableRead, Keyed {}

    private record Read(ScanNode scan) implements Found {}

    /** A stateless read of a table (its changes): not repartitioned, read whole by every task. */
    private record TableRead(ScanNode scan) implements Found {}

    private record Keyed(Cut cut, List<Set<Integer>> lineage) implements Found {}

    /** The cut of {@code query}, if its whole plan can run split by the cut's keys. */
    static Optional<Cut> of(PhysicalNode query) {
        return analyze(query) instanceof Keyed k ? Optional.of(k.cut()) : Optional.empty();
    }

    private static Found analyze(PhysicalNode node) {
        if (node instanceof ScanNode scan) {
            return scan.relation().kind() == RelationKind.STREAM ? new Read(scan)
                    : scan.relation().kind() == RelationKind.TABLE ? new TableRead(scan) : null;
        }
        List<Found> in = new ArrayList<>();
        for (PhysicalNode i : node.inputs()) {
            Found f = analyze(i);
            if (f == null) {
                return null;
            }
            in.add(f);
        }
        if (node instanceof FilterNode) {
            return in.get(0);
        }
        if (node instanceof ProjectNode p) {
            if (in.get(0) instanceof Keyed k) {
                List<Set<Integer>> out = new ArrayList<>();
                for (Set<Integer> cols : k.lineage()) {
                    Set<Integer> to = new HashSet<>();
                    for (int j = 0; j < p.exprs().size(); j++) {
                        if (p.exprs().get(j) instanceof InputRef r && cols.contains(r.index())) {
                            to.add(j);
                        }
                    }
                    out.add(to);
                }
                return new Keyed(k.cut(), out);
            }
            return in.get(0);
        }
        List<List<Integer>> keys = keys(node);
        if (keys == null) {
            return null;
        }
        if (in.stream().allMatch(f -> f instanceof Read)) {
            return cut(node, keys, in);
        }
        if (in.size() == 2 && in.stream().anyMatch(f -> f instanceof Read) && broadcastJoin(node, in)) {
            return cut(node, keys, in);
        }
        if (in.size() == 1 && in.get(0) instanceof Keyed k) { // a keyed operator above the cut
            List<Integer> ks = keys.get(0);
            List<Set<Integer>> out = new ArrayList<>();
            for (Set<Integer> cols : k.lineage()) {
                Set<Integer> to = new HashSet<>();
                for (int c : cols) {
                    if (ks.contains(c)) {
                        to.addAll(outputs(node, 0, c));
                    }
                }
                if (to.isEmpty()) {
                    return null; // its keys do not include this key of the cut: its groups span partitions
                }
                out.add(to);
            }
            return new Keyed(k.cut(), out);
        }
        return null;
    }

    /**
     * Whether join {@code node} of a stream and a table can run per key of the stream with the whole
     * table in every task (as Kafka Streams joins a stream with a global table): a temporal join
     * (INNER or LEFT, the stream on the left; append-only, each row joins one version). A regular
     * join of a stream and a table is not cut: it retracts when the table changes, and it stays one
     * task until that is tested across moving tasks.
     */
    private static boolean broadcastJoin(PhysicalNode node, List<Found> in) {
        return node instanceof TemporalJoinNode && in.get(0) instanceof Read && in.get(1) instanceof TableRead;
    }

    /** The cut at {@code node}, whose inputs are stateless reads of streams (or one a table's), if it can be one. */
    private static Found cut(PhysicalNode node, List<List<Integer>> keys, List<Found> in) {
        if (keys.get(0).isEmpty()) {
            return null; // no keys: all its rows are one group
        }
        if (node instanceof WindowAggregateNode w && (w.processingTime() || w.watermarkColumn() < 0)
                || node instanceof WindowTopNNode t && !(t.windows() instanceof WindowTopNNode.Assigned)
                || node instanceof WindowJoinNode j && j.attached()) {
            return null;
        }
        List<Input> inputs = new ArrayList<>();
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            if (!(in.get(i) instanceof Read read)) {
                continue; // a table: read whole by every stage-B task
            }
            ScanNode scan = read.scan();
            if (!topics.add(scan.relation().storage().topic())) {
                return null; // a self-join: both stage-A tasks of a partition would commit its offsets
            }
            PhysicalNode query = node.inputs().get(i);
            int time = timeColumn(node, i);
            inputs.add(new Input(i, query, scan, keys.get(i), time >= 0 ? time : tracedTime(query)));
        }
        if (inputs.size() == 2 && !sameEncoding(node, keys)) {
            return null;
        }
        List<Set<Integer>> lineage = new ArrayList<>();
        for (int k = 0; k < keys.get(0).size(); k++) {
            Set<Integer> cols = new HashSet<>();
            for (int i = 0; i < in.size(); i++) {
                if (carries(node, i)) {
                    cols.addAll(outputs(node, i, keys.get(i).get(k)));
                }
            }
            lineage.add(cols);
        }
        return new Keyed(new Cut(node, inputs), lineage);
    }

    /**
     * The key columns of a keyed operator on each of its inputs, or null when {@code node} is not
     * one (or not one that can run per key).
     */
    static List<List<Integer>> keys(PhysicalNode node) {
        if (node instanceof AggregateNode a) {
            return List.of(a.groupKeys());
        } else if (node instanceof WindowAggregateNode w) {
            return List.of(w.groupKeys());
        } else if (node instanceof TopNNode t) {
            return List.of(t.partitionKeys());
        } else if (node instanceof WindowTopNNode t) {
            return List.of(t.partitionKeys());
        } else if (node instanceof OverAggregateNode o) {
            return List.of(o.partitionKeys());
        } else if (node instanceof MatchNode m) {
            return List.of(m.partitionKeys());
        } else if (node instanceof HashJoinNode j && j.kind() != HashJoinNode.JoinKind.SEMI
                && j.kind() != HashJoinNode.JoinKind.ANTI) {
            return List.of(j.leftKeys(), j.rightKeys());
        } else if (node instanceof IntervalJoinNode j) {
            return List.of(j.leftKeys(), j.rightKeys());
        } else if (node instanceof WindowJoinNode j) {
            return List.of(j.leftKeys(), j.rightKeys());
        } else if (node instanceof TemporalJoinNode j) {
            return List.of(j.leftKeys(), j.rightKeys());
        }
        return null;
    }

    /** The event-time column of input {@code i} that {@code node} works on, or -1. */
    private static int timeColumn(PhysicalNode node, int i) {
        if (node instanceof WindowAggregateNode w) {
            return w.window().timeColumn();
        } else if (node instanceof IntervalJoinNode j) {
            return i == 0 ? j.leftTime() : j.rightTime();
        } else if (node instanceof WindowJoinNode j) {
            return i == 0 ? j.window().timeColumn() : j.rightTime();
        } else if (node instanceof OverAggregateNode o) {
            return o.timeColumn();
        } else if (node instanceof MatchNode m) {
            return m.timeColumn();
        } else if (node instanceof WindowTopNNode t && t.windows() instanceof WindowTopNNode.Assigned a) {
            return a.spec().timeColumn();
        } else if (node instanceof TemporalJoinNode j && i == 0) {
            return j.leftTime();
        }
        return -1;
    }

    /** The column of {@code query}'s rows that is its stream's WATERMARK column as is, or -1. */
    private static int tracedTime(PhysicalNode query) {
        if (query instanceof ScanNode scan) {
            return scan.relation().watermark().map(w -> scan.columns().indexOf(w.column())).orElse(-1);
        }
        if (query instanceof FilterNode f) {
            return tracedTime(f.input());
        }
        if (query instanceof ProjectNode p) {
            int below = tracedTime(p.input());
            for (int j = 0; below >= 0 && j < p.exprs().size(); j++) {
                if (p.exprs().get(j) instanceof InputRef r && r.index() == below) {
                    return j;
                }
            }
        }
        return -1;
    }

    /**
     * Whether each key pair of a join is written alike (equal canonical text for equal values), so
     * key k of both sides goes to one partition: the same type, or INT against BIGINT.
     */
    private static boolean sameEncoding(PhysicalNode join, List<List<Integer>> keys) {
        for (int k = 0; k < keys.get(0).size(); k++) {
            var l = join.inputs().get(0).schema().get(keys.get(0).get(k)).type();
            var r = join.inputs().get(1).schema().get(keys.get(1).get(k)).type();
            boolean ints = (l.kind() == TypeKind.INT || l.kind() == TypeKind.BIGINT)
                    && (r.kind() == TypeKind.INT || r.kind() == TypeKind.BIGINT);
            if (!ints && (l.kind() != r.kind() || l.precision() != r.precision() || l.scale() != r.scale())) {
                return false;
            }
        }
        return true;
    }

    /** Whether input {@code i}'s key columns are in the output of join {@code node} on every row (not padded). */
    private static boolean carries(PhysicalNode node, int i) {
        if (node instanceof TemporalJoinNode) {
            return i == 0; // its right side's columns are a choice of the table's
        }
        HashJoinNode.JoinKind kind = node instanceof HashJoinNode j ? j.kind()
                : node instanceof IntervalJoinNode j ? j.kind() : node instanceof WindowJoinNode j ? j.kind() : null;
        if (kind == null) {
            return true;
        }
        return switch (kind) {
            case INNER -> true;
            case LEFT -> i == 0;
            case RIGHT -> i == 1;
            default -> false;
        };
    }

    /** The output columns of {@code node} that are column {@code c} of input {@code i} as is. */
    private static Set<Integer> outputs(PhysicalNode node, int i, int c) {
        int inSize = node.inputs().get(i).schema().size();
        int outSize = node.schema().size();
        if (node instanceof AggregateNode a) {
            int g = a.groupKeys().indexOf(c);
            return g < 0 ? Set.of() : Set.of(g);
        } else if (node instanceof WindowAggregateNode w) {
            int g = w.groupKeys().indexOf(c);
            return g < 0 ? Set.of() : Set.of(g);
        } else if (node instanceof TopNNode || node instanceof WindowTopNNode || node instanceof OverAggregateNode) {
            return outSize >= inSize ? Set.of(c) : Set.of(); // the input's columns, then what it adds
        } else if (node instanceof MatchNode m) {
            Set<Integer> out = new HashSet<>();
            for (int j = 0; j < m.firstMeasure(); j++) {
                Expr e = m.outputs().get(j);
                if (e instanceof InputRef r && r.index() == c) {
                    out.add(j);
                }
            }
            return out;
        } else if (node instanceof WindowJoinNode) { // each side's columns, then its window's three
            int at = i == 0 ? c : node.inputs().get(0).schema().size() + 3 + c;
            return at < outSize ? Set.of(at) : Set.of();
        } else if (node instanceof TemporalJoinNode) { // the left's columns, then some of the table's
            return i == 0 && c < outSize ? Set.of(c) : Set.of();
        } else if (node instanceof HashJoinNode || node instanceof IntervalJoinNode) { // left's columns, then right's
            int at = i == 0 ? c : node.inputs().get(0).schema().size() + c;
            return at < outSize ? Set.of(at) : Set.of();
        }
        return Set.of();
    }

    /** {@code node} with its inputs replaced by {@code in} (as many, of the same schemas). */
    static PhysicalNode withInputs(PhysicalNode node, List<PhysicalNode> in) {
        if (node instanceof UnionAllNode u) {
            return new UnionAllNode(in, u.schema());
        }
        PhysicalNode a = in.get(0);
        if (node instanceof SortNode s) {
            return new SortNode(a, s.keys(), s.offset(), s.fetch());
        } else if (node instanceof TemporalJoinNode t) {
            return new TemporalJoinNode(a, (ScanNode) in.get(1), t.kind(), t.leftKeys(), t.rightKeys(), t.leftTime(),
                    t.rightTime(), t.rightOutput(), t.condition(), t.schema());
        } else if (node instanceof FilterNode f) {
            return new FilterNode(a, f.condition());
        } else if (node instanceof ProjectNode p) {
            return new ProjectNode(a, p.exprs(), p.schema());
        } else if (node instanceof AggregateNode g) {
            return new AggregateNode(a, g.groupKeys(), g.calls(), g.schema());
        } else if (node instanceof WindowAggregateNode w) {
            return new WindowAggregateNode(a, w.window(), w.watermarkColumn(), w.groupKeys(), w.calls(), w.late(),
                    w.processingTime(), w.schema());
        } else if (node instanceof TopNNode t) {
            return new TopNNode(a, t.partitionKeys(), t.order(), t.rankStart(), t.rankEnd(), t.kind(), t.appendOnly(),
                    t.watermarkColumn(), t.schema());
        } else if (node instanceof WindowTopNNode t) {
            return new WindowTopNNode(a, t.windows(), t.partitionKeys(), t.order(), t.rankStart(), t.rankEnd(),
                    t.kind(), t.schema());
        } else if (node instanceof OverAggregateNode o) {
            return new OverAggregateNode(a, o.partitionKeys(), o.timeColumn(), o.watermarkColumn(), o.frame(),
                    o.calls(), o.late(), o.schema());
        } else if (node instanceof MatchNode m) {
            return new MatchNode(a, m.partitionKeys(), m.order(), m.pattern(), m.variables(), m.defines(), m.refs(),
                    m.outputs(), m.firstMeasure(), m.allRows(), m.skip(), m.skipVariable(), m.withinMillis(),
                    m.watermarkColumn(), m.schema());
        } else if (node instanceof HashJoinNode j) {
            return new HashJoinNode(a, in.get(1), j.kind(), j.leftKeys(), j.rightKeys(), j.condition(), j.schema());
        } else if (node instanceof IntervalJoinNode j) {
            return new IntervalJoinNode(a, in.get(1), j.kind(), j.leftKeys(), j.rightKeys(), j.leftTime(),
                    j.rightTime(), j.lower(), j.upper(), j.condition(), j.schema());
        } else if (node instanceof WindowJoinNode j) {
            return new WindowJoinNode(a, in.get(1), j.kind(), j.leftKeys(), j.rightKeys(), j.window(), j.rightTime(),
                    j.condition(), j.schema(), j.attached());
        }
        throw new IllegalStateException("cannot rebuild " + node.getClass().getSimpleName());
    }

    /** {@code node} with {@code from} (somewhere below it, on a single-input path) replaced by {@code to}. */
    static PhysicalNode replace(PhysicalNode node, PhysicalNode from, PhysicalNode to) {
        if (node == from) {
            return to;
        }
        if (node.inputs().size() != 1) {
            throw new IllegalStateException("not above the cut: " + node.getClass().getSimpleName());
        }
        return withInputs(node, List.of(replace(node.inputs().get(0), from, to)));
    }
}
