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
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Snapshot;
import dev.runnel.planner.calcite.RunnelFunctions;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * A Join carrying the {@link TemporalJoins} marker to a {@link TemporalJoinNode}. The right side
 * must be a TABLE (a stream or a view has no versions by primary key), with a {@code WATERMARK}
 * column (the time from which each version is valid); the ON condition must pin its whole primary
 * key to left columns with equalities; the time the join is as of must be a TIMESTAMP column of
 * the left side. Other conjuncts are the residual. Stateless.
 */
final class TemporalJoinTranslator {
    private TemporalJoinTranslator() {}

    static boolean isTemporal(Join join) {
        return RelOptUtil.conjunctions(join.getCondition()).stream().anyMatch(TemporalJoins::isMarker);
    }

    static PhysicalNode translate(Join join, PhysicalTranslator t) {
        if (asOfProcessingTime(join)) { // AS OF a PROCTIME() column: the table's current rows
            List<RexNode> rest = RelOptUtil.conjunctions(join.getCondition()).stream()
                    .filter(c -> !TemporalJoins.isMarker(c)).toList();
            Join plain = join.copy(join.getTraitSet(), RexUtil.composeConjunction(join.getCluster().getRexBuilder(),
                    rest), join.getLeft(), join.getRight(), join.getJoinType(), join.isSemiJoinDone());
            PhysicalNode table = t.translate(join.getRight());
            if (!(table instanceof ScanNode scan) || scan.relation().kind() != RelationKind.TABLE) {
                String name = table instanceof ScanNode scan ? scan.relation().name() : null;
                throw error(name, "a temporal join (FOR SYSTEM_TIME AS OF) reads a TABLE, which has a primary key; "
                        + (name != null ? name : "a query") + " is not one");
            }
            return JoinTranslator.translate(plain, t);
        }
        if (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT) {
            throw Unsupported.plural(join.getJoinType() + " temporal joins (INNER and LEFT are)");
        }
        PhysicalNode left = t.translate(join.getLeft());
        PhysicalNode rightNode = t.translate(join.getRight());
        if (!(rightNode instanceof ScanNode scan)) {
            throw Unsupported.of("a temporal join of a filtered or computed table (join the table itself)");
        }
        RelationDef table = scan.relation();
        if (table.kind() != RelationKind.TABLE) {
            throw error(table.name(), "a temporal join (FOR SYSTEM_TIME AS OF) reads the versions of a TABLE, which has a"
                    + " primary key; " + table.name() + " is a " + (table.kind() == RelationKind.STREAM ? "stream"
                    : "materialized view") + (table.kind() == RelationKind.STREAM
                    ? " (join two streams with an interval condition instead)" : ""));
        }
        if (table.watermark().isEmpty()) {
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
        RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual, true);
        Optional<Expr> condition = rest == null || rest.isAlwaysTrue() ? Optional.empty()
                : Optional.of(t.rex().translate(rest));
        return new TemporalJoinNode(left, versions, join.getJoinType() == JoinRelType.LEFT ? JoinKind.LEFT
                : JoinKind.INNER, byKeyLeft, tableKeys, leftTime, rightTime, scan.columns().size(), condition,
                TypeMapping.toRowSchema(join.getRowType()));
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
