package dev.runnel.planner.translate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * What one comparison of a row number with a constant allows: ranks {@code lo..hi} (inclusive;
 * {@code hi} is {@link Long#MAX_VALUE} without an upper bound, and {@code lo > hi} when nothing
 * qualifies). {@code rownum <= 3}, {@code rownum < 4}, {@code 3 >= rownum}, {@code rownum = 1},
 * {@code rownum > 1}, {@code rownum >= 2.5} (that is 3). Immutable.
 */
record RankBound(long lo, long hi) {

    /** The bound {@code c} puts on column {@code column}, or null when it is not such a comparison. */
    static RankBound of(RexNode c, int column) {
        if (!(c instanceof RexCall call) || call.getOperands().size() != 2) {
            return null;
        }
        SqlKind kind = call.getKind();
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (isColumn(right, column) && right != left) {
            RexNode swap = left;
            left = right;
            right = swap;
            kind = kind.reverse();
        }
        if (!isColumn(left, column) || !(right instanceof RexLiteral lit)) {
            return null;
        }
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null) {
            return null;
        }
        long floor = clamp(v.setScale(0, RoundingMode.FLOOR));
        long ceil = clamp(v.setScale(0, RoundingMode.CEILING));
        return switch (kind) {
            case EQUALS -> floor == ceil ? new RankBound(floor, floor) : new RankBound(1, 0);
            case LESS_THAN -> new RankBound(1, ceil - 1);
            case LESS_THAN_OR_EQUAL -> new RankBound(1, floor);
            case GREATER_THAN -> new RankBound(floor + 1, Long.MAX_VALUE);
            case GREATER_THAN_OR_EQUAL -> new RankBound(ceil, Long.MAX_VALUE);
            default -> null;
        };
    }

    private static boolean isColumn(RexNode e, int column) {
        RexNode x = e.getKind() == SqlKind.CAST ? ((RexCall) e).getOperands().get(0) : e;
        return x instanceof RexInputRef ref && ref.getIndex() == column;
    }

    /** Within what a rank can be, so that arithmetic on it cannot overflow. */
    private static long clamp(BigDecimal v) {
        BigDecimal min = BigDecimal.valueOf(-1);
        BigDecimal max = BigDecimal.valueOf(Long.MAX_VALUE / 2);
        return v.max(min).min(max).longValueExact();
    }
}
