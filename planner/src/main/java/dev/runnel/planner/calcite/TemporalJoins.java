package dev.runnel.planner.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Snapshot;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Event-time temporal joins in the logical plan. Calcite converts {@code s JOIN t FOR SYSTEM_TIME
 * AS OF s.ts ON s.k = t.pk} into a Correlate whose right side filters a Snapshot of {@code t} by
 * the correlation variable; {@link #rewrite} turns it into a plain Join of {@code s} and {@code t}
 * whose condition is the ON condition plus the marker {@code $TEMPORAL_TIME(s.ts, t.first_column)}
 * (naming both sides, so no rule pushes it into one), as Flink does with its temporal join
 * condition. Being part of the condition, the time column survives field
 * trimming and is renumbered with the rest; the translator takes the marker out again and makes a
 * {@code TemporalJoinNode}. A snapshot at {@code PROCTIME()} has no correlation and stays a Join of
 * the Snapshot, left alone here. Stateless.
 */
public final class TemporalJoins {
    /** The marker conjunct: its first operand is the left input's time column the join is as of. */
    public static final SqlFunction TEMPORAL_TIME = new SqlFunction("$TEMPORAL_TIME", SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN_NOT_NULL, null, OperandTypes.ANY, SqlFunctionCategory.SYSTEM);

    private TemporalJoins() {}

    /** Whether {@code c} is the marker conjunct. */
    public static boolean isMarker(RexNode c) {
        return c instanceof RexCall call && call.getOperator() == TEMPORAL_TIME;
    }

    /** Whether the time the join is as of is a column the left side computes as {@code PROCTIME()}. */
    public static boolean asOfProcessingTime(Join join) {
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            if (isMarker(c) && ((RexCall) c).getOperands().get(0) instanceof RexInputRef ref) {
                RelNode rel = join.getLeft();
                int column = ref.getIndex();
                while (true) {
                    if (rel instanceof Filter filter) {
                        rel = filter.getInput();
                    } else if (rel instanceof Project project) {
                        RexNode e = project.getProjects().get(column);
                        if (e instanceof RexInputRef inner) {
                            column = inner.getIndex();
                            rel = project.getInput();
                        } else {
                            return e instanceof RexCall call && call.getOperator().getName()
                                    .equalsIgnoreCase(RunnelFunctions.PROCTIME.getName());
                        }
                    } else {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code join} is a temporal join as of an event-time column (its right side must stay the table). */
    public static boolean asOfEventTime(Join join) {
        return RelOptUtil.conjunctions(join.getCondition()).stream().anyMatch(TemporalJoins::isMarker)
                && !asOfProcessingTime(join);
    }

    /** Rewrites every Correlate over a Snapshot (see the class comment). */
    public static RelNode rewrite(RelNode rel, RexBuilder rex) {
        return rel.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                if (visited instanceof LogicalCorrelate correlate) {
                    RelNode join = toJoin(correlate, rex);
                    if (join != null) {
                        return join;
                    }
                }
                return visited;
            }
        });
    }

    private static RelNode toJoin(LogicalCorrelate correlate, RexBuilder rex) {
        List<RexNode> conditions = new ArrayList<>();
        RelNode right = correlate.getRight();
        while (right instanceof LogicalFilter filter) {
            conditions.add(filter.getCondition());
            right = filter.getInput();
        }
        if (!(right instanceof Snapshot snapshot)) {
            return null;
        }
        if (correlate.getJoinType() != JoinRelType.INNER && correlate.getJoinType() != JoinRelType.LEFT) {
            return null;
        }
        RelNode left = correlate.getLeft();
        int leftWidth = left.getRowType().getFieldCount();
        CorrelationId id = correlate.getCorrelationId();
        RexShuttle shift = new RexShuttle() {
            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(id)) {
                    int i = access.getField().getIndex();
                    return rex.makeInputRef(left.getRowType().getFieldList().get(i).getType(), i);
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return rex.makeInputRef(ref.getType(), ref.getIndex() + leftWidth);
            }
        };
        List<RexNode> joinConditions = new ArrayList<>();
        for (RexNode c : conditions) {
            joinConditions.add(c.accept(shift));
        }
        RexNode period = snapshot.getPeriod().accept(shift);
        if (RexUtil.containsCorrelation(period) || conditions.stream().map(c -> c.accept(shift))
                .anyMatch(RexUtil::containsCorrelation)) {
            return null;
        }
        // the marker names a right column too, so no rule pushes it into one side
        RexNode rightColumn = rex.makeInputRef(snapshot.getRowType().getFieldList().get(0).getType(), leftWidth);
        joinConditions.add(rex.makeCall(TEMPORAL_TIME, period, rightColumn));
        return LogicalJoin.create(left, snapshot.getInput(), List.of(),
                RexUtil.composeConjunction(rex, joinConditions), java.util.Set.of(), correlate.getJoinType());
    }
}
