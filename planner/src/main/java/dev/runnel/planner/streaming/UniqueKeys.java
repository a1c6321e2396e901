package dev.runnel.planner.streaming;

import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The unique key of a plan's output, when the plan guarantees one: the output columns no two rows
 * share the values of (at any moment of a changelog). Rules: a GROUP BY's keys; a window aggregate's
 * keys with {@code window_start} and {@code window_end}; a Top-N's partition keys and row number (a
 * deduplication's partition keys); a table's or view's primary key through a
 * scan that keeps it; through filters, sorts and limits unchanged; through a projection when every
 * key column is projected as is. An empty key means at most one row (a GROUP BY without keys).
 * An INNER or LEFT join whose right join keys include the right input's unique key (each left row
 * matches at most one right row) keeps the left input's key; symmetrically an INNER or RIGHT join
 * keeps the right's (a padded side's NULLs are never a key). Other joins, unions and streams have
 * none. Stateless.
 */
public final class UniqueKeys {
    private UniqueKeys() {}

    public static Optional<List<Integer>> of(PhysicalNode node) {
        if (node instanceof AggregateNode agg) {
            return Optional.of(IntStream.range(0, agg.groupKeys().size()).boxed().toList());
        }
        if (node instanceof WindowAggregateNode w) {
            return Optional.of(IntStream.range(0, w.groupKeys().size() + 2).boxed().toList());
        }
        if (node instanceof TopNNode topN) {
            // one row per partition and rank; a deduplication keeps one row per partition
            List<Integer> key = new ArrayList<>(topN.partitionKeys());
            if (topN.kind() == TopNNode.Kind.TOP_N) {
                key.add(topN.rowNumberColumn());
            }
            return Optional.of(key);
        }
        if (node instanceof FilterNode || node instanceof SortNode) {
            return of(node.inputs().get(0));
        }
        if (node instanceof ScanNode scan) {
            if (scan.relation().kind() == RelationKind.STREAM || scan.relation().primaryKey().isEmpty()) {
                return Optional.empty();
            }
            return mapThrough(scan.relation().primaryKey(), scan.columns());
        }
        if (node instanceof ProjectNode project) {
            Optional<List<Integer>> in = of(project.input());
            if (in.isEmpty()) {
                return in;
            }
            List<Integer> sources = new ArrayList<>();
            for (Expr e : project.exprs()) {
                sources.add(e instanceof InputRef ref ? ref.index() : -1);
            }
            return mapThrough(in.get(), sources);
        }
        if (node instanceof HashJoinNode join) {
            return join(join);
        }
        return Optional.empty();
    }

    private static Optional<List<Integer>> join(HashJoinNode join) {
        Optional<List<Integer>> left = of(join.left());
        Optional<List<Integer>> right = of(join.right());
        boolean eachLeftMatchesOne = right.isPresent() && join.rightKeys().containsAll(right.get());
        boolean eachRightMatchesOne = left.isPresent() && join.leftKeys().containsAll(left.get());
        switch (join.kind()) {
            case INNER, LEFT -> {
                if (eachLeftMatchesOne && left.isPresent()) {
                    return left;
                }
                if (join.kind() == HashJoinNode.JoinKind.INNER && eachRightMatchesOne && right.isPresent()) {
                    int shift = join.left().schema().size();
                    return Optional.of(right.get().stream().map(k -> k + shift).toList());
                }
                return Optional.empty();
            }
            case RIGHT -> {
                if (eachRightMatchesOne && right.isPresent()) {
                    int shift = join.left().schema().size();
                    return Optional.of(right.get().stream().map(k -> k + shift).toList());
                }
                return Optional.empty();
            }
            case SEMI, ANTI -> {
                return left; // left rows only, each at most once
            }
            case FULL -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The positions in {@code picked} (output column to input column) of every key column, if all are there. */
    private static Optional<List<Integer>> mapThrough(List<Integer> key, List<Integer> picked) {
        List<Integer> out = new ArrayList<>();
        for (int k : key) {
            int at = picked.indexOf(k);
            if (at < 0) {
                return Optional.empty();
            }
            out.add(at);
        }
        return Optional.of(out);
    }
}
