package dev.runnel.planner.translate;

import dev.runnel.planner.catalog.RelationDef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Finds the time bounds of an interval join among a join's non-equi conjuncts: comparisons
 * ({@code >=}, {@code >}, {@code <=}, {@code <}, and so the two halves of {@code BETWEEN}) between
 * the event-time attribute of one input and that of the other, each side optionally plus or minus
 * constant day-time intervals, as in {@code b.ts BETWEEN a.ts - INTERVAL '5' SECOND AND a.ts +
 * INTERVAL '10' SECOND}. They bound {@code right time - left time} to {@code [lower, upper]}
 * (strict comparisons move a bound by 1 ms, the precision of event time). A join has an interval
 * when a lower and an upper bound were found over the same two attributes. Stateless.
 */
final class IntervalJoins {
    private IntervalJoins() {}

    /** The bounds found and which conjuncts (indices into the list given) they came from. */
    record Bounds(int leftTime, int rightTime, long lower, long upper, List<Integer> used) {}

    /** A side of a comparison: a column of the joined row plus a constant (millis). */
    private record Term(int column, long plus) {}

    static Optional<Bounds> find(Join join, List<RexNode> conjuncts) {
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        Integer leftTime = null;
        Integer rightTime = null;
        Long lower = null;
        Long upper = null;
        List<Integer> used = new java.util.ArrayList<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            RexNode c = conjuncts.get(i);
            SqlKind kind = c.getKind();
            if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN
                    && kind != SqlKind.LESS_THAN_OR_EQUAL) {
                continue;
            }
            List<RexNode> ops = ((RexCall) c).getOperands();
            Term a = term(ops.get(0));
            Term b = term(ops.get(1));
            if (a == null || b == null) {
                continue;
            }
            boolean aLeft = a.column() < leftWidth;
            boolean bLeft = b.column() < leftWidth;
            if (aLeft == bLeft) {
                continue;
            }
            // normalise to: right + cR  op  left + cL
            Term right = aLeft ? b : a;
            Term left = aLeft ? a : b;
            if (aLeft) {
                kind = kind.reverse();
            }
            int l = left.column();
            int r = right.column() - leftWidth;
            if (!timeAttribute(join.getLeft(), l) || !timeAttribute(join.getRight(), r)
                    || (leftTime != null && (leftTime != l || rightTime != r))) {
                continue;
            }
            leftTime = l;
            rightTime = r;
            long d = left.plus() - right.plus(); // right - left  op  d
            switch (kind) {
                case GREATER_THAN_OR_EQUAL -> lower = lower == null ? d : Math.max(lower, d);
                case GREATER_THAN -> lower = lower == null ? d + 1 : Math.max(lower, d + 1);
                case LESS_THAN_OR_EQUAL -> upper = upper == null ? d : Math.min(upper, d);
                case LESS_THAN -> upper = upper == null ? d - 1 : Math.min(upper, d - 1);
                default -> throw new IllegalStateException(kind.toString());
            }
            used.add(i);
        }
        if (lower == null || upper == null) {
            return Optional.empty();
        }
        return Optional.of(new Bounds(leftTime, rightTime, lower, upper, used));
    }

    /** Whether field {@code field} of {@code rel} is its stream's event-time attribute (plain references). */
    static boolean timeAttribute(org.apache.calcite.rel.RelNode rel, int field) {
        WindowInputs.Origin origin;
        try {
            origin = WindowInputs.origin(rel, field);
        } catch (RuntimeException e) {
            return false;
        }
        if (origin == null) {
            return false;
        }
        RelationDef r = origin.relation();
        return r.watermark().isPresent() && r.watermark().get().column() == origin.column();
    }

    /** {@code col}, {@code col + interval}, {@code col - interval} (nested), or null. */
    private static Term term(RexNode e) {
        if (e instanceof RexInputRef ref) {
            return new Term(ref.getIndex(), 0);
        }
        if (e.getKind() == SqlKind.CAST && e instanceof RexCall cast
                && cast.getType().getSqlTypeName() == cast.getOperands().get(0).getType().getSqlTypeName()) {
            return term(cast.getOperands().get(0)); // a nullability cast
        }
        if ((e.getKind() == SqlKind.PLUS || e.getKind() == SqlKind.MINUS) && e instanceof RexCall call
                && call.getOperands().size() == 2) {
            RexNode x = call.getOperands().get(0);
            RexNode y = call.getOperands().get(1);
            Long yc = millis(y);
            if (yc != null) {
                Term t = term(x);
                return t == null ? null : new Term(t.column(), t.plus() + (e.getKind() == SqlKind.PLUS ? yc : -yc));
            }
            Long xc = millis(x);
            if (xc != null && e.getKind() == SqlKind.PLUS) {
                Term t = term(y);
                return t == null ? null : new Term(t.column(), t.plus() + xc);
            }
        }
        return null;
    }

    /** A day-time interval literal in millis, or null. */
    private static Long millis(RexNode e) {
        if (e instanceof RexLiteral lit && lit.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME
                && lit.getValue() != null) {
            return lit.getValueAs(BigDecimal.class).longValueExact();
        }
        return null;
    }
}
