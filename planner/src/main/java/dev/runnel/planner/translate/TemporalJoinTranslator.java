package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TemporalJoins;
import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.error.TemporalJoinError;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Snapshot;
import dev.runnel.planner.calcite.RunnelFunctions;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * A Join carrying the {@link TemporalJoins} marker to a {@link TemporalJoinNode}. The right side
 * must be a TABLE (a stream or a view has no versions by primary key), with a {@code WATERMARK}
 * column (the time from which each version is valid); the ON condition must pin its whole primary
 * key to left columns with equalities; the time the join is as of must be a TIMESTAMP column of
 * the left side. Other conjuncts are the residual.
 *
 * <p>As of {@code PROCTIME()} it is a lookup join, as in Flink: each left row joins its key's row
 * as the table holds it when the row is processed (a {@link TemporalJoinNode} without times), and
 * later changes of the table do not revise rows joined before. Equalities between an expression of
 * the left side and the key are made key pairs by computing the expression below the join. When
 * the ON condition does not pin the whole primary key (or the join is RIGHT or FULL), it is a join
 * with the table's current rows instead ({@code HashJoinNode}: a regular join when continuous). Stateless.
 */
final class TemporalJoinTranslator {
    private TemporalJoinTranslator() {}

    /** Whether {@code join} is a temporal join: as of a column of its left side, or of {@code PROCTIME()}. */
    static boolean isTemporal(Join join) {
        return RelOptUtil.conjunctions(join.getCondition()).stream().anyMatch(TemporalJoins::isMarker)
                || asOfProcTimeCall(join);
    }

    /** {@code s JOIN t FOR SYSTEM_TIME AS OF PROCTIME()}: the right side a snapshot at PROCTIME(), no marker. */
    private static boolean asOfProcTimeCall(Join join) {
        RelNode right = join.getRight();
        while (right instanceof org.apache.calcite.rel.core.Filter || right instanceof org.apache.calcite.rel.core.Project) {
            right = right.getInput(0);
        }
        return right instanceof Snapshot snapshot && snapshot.getPeriod() instanceof RexCall call
                && call.getOperator().getName().equalsIgnoreCase(RunnelFunctions.PROCTIME.getName());
    }

    static PhysicalNode translate(Join join, PhysicalTranslator t) {
        boolean processingTime = asOfProcessingTime(join) || asOfProcTimeCall(join);
        if (processingTime) {
            RelNode pushed = pushKeyExpressions(join);
            if (pushed != join) { // ON mod(s.k, 10) = t.pk: the expression computed below the join, then a key
                return t.translate(pushed);
            }
        }
        if (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT) {
            if (processingTime) {
                return JoinTranslator.regular(withoutMarker(join), t);
            }
            throw Unsupported.plural(join.getJoinType() + " temporal joins (INNER and LEFT are)");
        }
        PhysicalNode left = t.translate(join.getLeft());
        PhysicalNode rightNode = t.translate(join.getRight());
        if (!(rightNode instanceof ScanNode scan) || scan.relation().kind() != RelationKind.TABLE) {
            if (processingTime) {
                String name = rightNode instanceof ScanNode s ? s.relation().name() : null;
                throw error(name, "a temporal join (FOR SYSTEM_TIME AS OF) reads a TABLE, which has a primary key; "
                        + (name != null ? name : "a query") + " is not one");
            }
            if (!(rightNode instanceof ScanNode scan)) {
                throw Unsupported.of("a temporal join of a filtered or computed table (join the table itself)");
            }
            RelationDef table = scan.relation();
            throw error(table.name(), "a temporal join (FOR SYSTEM_TIME AS OF) reads the versions of a TABLE, which has"
                    + " a primary key; " + table.name() + " is a " + (table.kind() == RelationKind.STREAM ? "stream"
                    : "materialized view") + (table.kind() == RelationKind.STREAM
                    ? " (join two streams with an interval condition instead)" : ""));
        }
        RelationDef table = scan.relation();
        if (!processingTime && table.watermark().isEmpty()) {
            throw error(table.name(), "a temporal join as of event time needs table " + table.name() + " to declare the time its"
                    + " rows become valid: add WATERMARK FOR <time column> to it, or join FOR SYSTEM_TIME AS OF"
                    + " PROCTIME() for its current rows");
        }
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<RexNode> keyConjuncts = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        int leftTime = -1;
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            if (TemporalJoins.isMarker(c)) {
                RexNode time = ((RexCall) c).getOperands().get(0);
                if (processingTime) {
                    continue;
                }
                if (!(time instanceof RexInputRef ref) || ref.getIndex() >= leftWidth
                        || left.schema().get(ref.getIndex()).type().kind() != TypeKind.TIMESTAMP) {
                    throw error(table.name(), "FOR SYSTEM_TIME AS OF takes a TIMESTAMP column of the other side of the join"
                            + " (s.ts) or PROCTIME()");
                }
                leftTime = ref.getIndex();
            } else if (JoinTranslator.addKey(c, leftWidth, leftKeys, rightKeys)) {
                keyConjuncts.add(c);
            } else {
                residual.add(c);
            }
        }
        // key pairs on the primary key, in key order; pairs on other columns are residual
        List<Integer> pk = table.primaryKey();
        List<Integer> tableKeys = new ArrayList<>();
        List<Integer> byKeyLeft = new ArrayList<>();
        for (int k : pk) {
            int at = -1;
            for (int i = 0; i < rightKeys.size(); i++) {
                if (scan.columns().get(rightKeys.get(i)) == k) {
                    at = i;
                }
            }
            if (at < 0 && processingTime) { // not a lookup by key: the table's current rows, joined as such
                return JoinTranslator.regular(withoutMarker(join), t);
            }
            if (at < 0) {
                throw error(table.name(), "a temporal join must match the whole primary key of " + table.name() + " ("
                        + String.join(", ", pk.stream().map(c -> table.columns().get(c).name()).toList())
                        + ") with columns of the other side, as ON t.key = s.column");
            }
            byKeyLeft.add(leftKeys.get(at));
            tableKeys.add(rightKeys.get(at));
        }
        for (int i = 0; i < rightKeys.size(); i++) {
            if (!tableKeys.contains(rightKeys.get(i))) {
                residual.add(keyConjuncts.get(i));
            }
        }
        RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual, true);
        Optional<Expr> condition = rest == null || rest.isAlwaysTrue() ? Optional.empty()
                : Optional.of(t.rex().translate(rest));
        JoinKind kind = join.getJoinType() == JoinRelType.LEFT ? JoinKind.LEFT : JoinKind.INNER;
        if (processingTime) { // a lookup join: each left row joins its key's current row
            return new TemporalJoinNode(left, scan, kind, byKeyLeft, tableKeys, -1, -1, scan.columns().size(),
                    condition, TypeMapping.toRowSchema(join.getRowType()));
        }
        // the version time joins the scan's columns if the query does not read it
        int timeColumn = table.watermark().orElseThrow().column();
        List<Integer> columns = new ArrayList<>(scan.columns());
        List<Column> schema = new ArrayList<>(scan.schema().columns());
        int rightTime = columns.indexOf(timeColumn);
        if (rightTime < 0) {
            columns.add(timeColumn);
            schema.add(table.columns().get(timeColumn));
            rightTime = columns.size() - 1;
        }
        ScanNode versions = new ScanNode(table, columns, new RowSchema(schema), scan.start());
        return new TemporalJoinNode(left, versions, kind, byKeyLeft, tableKeys, leftTime, rightTime,
                scan.columns().size(), condition, TypeMapping.toRowSchema(join.getRowType()));
    }

    /** The join with the marker taken out of its condition: a join with the table's current rows. */
    private static Join withoutMarker(Join join) {
        List<RexNode> rest = RelOptUtil.conjunctions(join.getCondition()).stream()
                .filter(c -> !TemporalJoins.isMarker(c)).toList();
        return join.copy(join.getTraitSet(), RexUtil.composeConjunction(join.getCluster().getRexBuilder(), rest),
                join.getLeft(), join.getRight(), join.getJoinType(), join.isSemiJoinDone());
    }

    /**
     * The join with the sides of equalities that are expressions of one input ({@code mod(s.k, 10) =
     * t.pk}) computed by a projection below it (and the original row restored by one above), so they
     * are key pairs; the join itself if there are none. The marker stays in the condition.
     */
    private static RelNode pushKeyExpressions(Join join) {
        boolean any = false;
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            any |= c.isA(SqlKind.EQUALS) && ((RexCall) c).getOperands().stream().anyMatch(o -> !(o instanceof RexInputRef));
        }
        if (!any) {
            return join;
        }
        return RelOptUtil.pushDownJoinConditions(join, RelFactories.LOGICAL_BUILDER.create(join.getCluster(), null));
    }

    private static boolean asOfProcessingTime(Join join) {
        return TemporalJoins.asOfProcessingTime(join);
    }

    /**
     * {@code t FOR SYSTEM_TIME AS OF PROCTIME()}: the table's current rows, which is what a join
     * reading them now sees (in a pull query, a join with the table's current contents).
     */
    static PhysicalNode processingTime(Snapshot snapshot, PhysicalTranslator t) {
        if (!(snapshot.getPeriod() instanceof RexCall call
                && call.getOperator().getName().equalsIgnoreCase(RunnelFunctions.PROCTIME.getName()))) {
            throw Unsupported.of("FOR SYSTEM_TIME AS OF a time that is not a column of the other side of a join"
                    + " or PROCTIME()");
        }
        PhysicalNode table = t.translate(snapshot.getInput());
        if (!(table instanceof ScanNode scan) || scan.relation().kind() != RelationKind.TABLE) {
            String name = table instanceof ScanNode scan ? scan.relation().name() : null;
            throw error(name, "a temporal join (FOR SYSTEM_TIME AS OF) reads a TABLE, which has a primary key; "
                    + (name != null ? name : "a query") + " is not one");
        }
        return table;
    }

    private static RunnelSqlException error(String table, String message) {
        return new TemporalJoinError(SqlState.SYNTAX_OR_RULE, table, message);
    }
}
