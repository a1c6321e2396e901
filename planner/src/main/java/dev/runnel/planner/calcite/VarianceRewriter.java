package dev.runnel.planner.calcite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * Plans STDDEV_POP, STDDEV_SAMP (STDDEV), VAR_POP and VAR_SAMP (VARIANCE) as Flink 2.3 does: the
 * aggregate keeps {@link #WELFORD_M2} (the sum of squared distances from the mean, updated by
 * Welford's method in DOUBLE) and COUNT of the value, and a projection on top computes
 * {@code CAST(M2 / n AS type)}, with {@code n - 1} (NULL for one value) for the sample forms and
 * {@code POWER(..., 0.5)} for the deviations; results, types and NULLs then agree with Flink's, and
 * they retract, run in windows and checkpoint as any aggregate. Before and after:
 *
 * <pre>
 * Aggregate[group: k; VAR_SAMP(x) AS v]
 * Project[k, CAST(m2 / CASE WHEN n = 1 THEN NULL ELSE n - 1 END AS type(x)) AS v]
 *   Aggregate[group: k; $WELFORD_M2(x) AS m2, COUNT(x) AS n]
 * </pre>
 *
 * Stateless.
 */
public final class VarianceRewriter {
    /** The sum of squared distances from the mean of the values that are not NULL, DOUBLE; NULL for none. */
    public static final SqlAggFunction WELFORD_M2 = SqlBasicAggFunction.create("$WELFORD_M2", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.DOUBLE).andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.NUMERIC);

    private VarianceRewriter() {}

    public static RelNode rewrite(RelNode root) {
        return root.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode r = super.visit(other);
                return r instanceof Aggregate agg && agg.getAggCallList().stream().anyMatch(VarianceRewriter::reducible)
                        ? reduce(agg) : r;
            }
        });
    }

    private static boolean reducible(AggregateCall c) {
        return switch (c.getAggregation().getKind()) {
            case STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP -> !c.isDistinct();
            default -> false;
        };
    }

    private static RelNode reduce(Aggregate agg) {
        RexBuilder rx = agg.getCluster().getRexBuilder();
        RelDataType dbl = rx.getTypeFactory().createTypeWithNullability(
                rx.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), true);
        RelDataType count = rx.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
        List<AggregateCall> calls = new ArrayList<>();
        int[] at = new int[agg.getAggCallList().size()];
        for (int i = 0; i < at.length; i++) {
            AggregateCall c = agg.getAggCallList().get(i);
            at[i] = calls.size();
            if (reducible(c)) {
                calls.add(AggregateCall.create(WELFORD_M2, false, false, false, List.of(), c.getArgList(), c.filterArg,
                        null, RelCollations.EMPTY, dbl, null));
                calls.add(AggregateCall.create(SqlStdOperatorTable.COUNT, false, false, false, List.of(), c.getArgList(),
                        c.filterArg, null, RelCollations.EMPTY, count, null));
            } else {
                calls.add(c);
            }
        }
        Aggregate inner = agg.copy(agg.getTraitSet(), agg.getInput(), agg.getGroupSet(), agg.getGroupSets(), calls);
        int groups = agg.getGroupCount();
        List<RexNode> projects = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            projects.add(rx.makeInputRef(inner, g));
        }
        for (int i = 0; i < at.length; i++) {
            AggregateCall c = agg.getAggCallList().get(i);
            if (!reducible(c)) {
                projects.add(rx.makeInputRef(inner, groups + at[i]));
                continue;
            }
            RexNode m2 = rx.makeInputRef(inner, groups + at[i]);
            RexNode n = rx.makeInputRef(inner, groups + at[i] + 1);
            SqlKind kind = c.getAggregation().getKind();
            boolean sample = kind == SqlKind.STDDEV_SAMP || kind == SqlKind.VAR_SAMP;
            RexNode denominator = !sample ? n : rx.makeCall(SqlStdOperatorTable.CASE,
                    rx.makeCall(SqlStdOperatorTable.EQUALS, n, rx.makeExactLiteral(BigDecimal.ONE)),
                    rx.makeNullLiteral(rx.getTypeFactory().createTypeWithNullability(count, true)),
                    rx.makeCall(SqlStdOperatorTable.MINUS, n, rx.makeExactLiteral(BigDecimal.ONE)));
            RexNode value = rx.makeCall(SqlStdOperatorTable.DIVIDE, m2, denominator);
            if (kind == SqlKind.STDDEV_POP || kind == SqlKind.STDDEV_SAMP) {
                value = rx.makeCall(SqlStdOperatorTable.POWER, value, rx.makeExactLiteral(new BigDecimal("0.5")));
            }
            RelDataType type = rx.getTypeFactory().createTypeWithNullability(c.getType(), true);
            projects.add(rx.makeCast(type, value, true, false));
        }
        return LogicalProject.create(inner, List.of(), projects, agg.getRowType().getFieldNames(), java.util.Set.of());
    }
}
