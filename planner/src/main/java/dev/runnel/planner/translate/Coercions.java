package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/**
 * Makes an expression produce a given type: nothing when it already does (nullability and VARCHAR
 * length aside, and a DECIMAL read as a wider DECIMAL of the same scale), a converted constant for
 * literals, otherwise a {@link Operator#CAST} call.
 * Stateless and thread-safe.
 */
public final class Coercions {
    private Coercions() {}

    public static Expr castTo(Expr e, DataType target) {
        if (TypeMapping.sameIgnoringNullability(e.type(), target) || isWidenedDecimal(e.type(), target)) {
            return e;
        }
        if (e instanceof Literal lit && Literals.convertible(lit.type(), target)) {
            DataType t = target.withNullable(lit.value() == null || lit.type().nullable());
            try {
                return new Literal(Literals.convert(lit.value(), lit.type(), t), t);
            } catch (RunnelSqlException outOfRange) {
                // leave the failure to run time, where it is a data error in the row that needs it
            }
        }
        return new Call(Operator.CAST, List.of(e), target.withNullable(e.type().nullable()));
    }

    /** DECIMAL(p, s) read as DECIMAL(q, s) with q >= p: the values are the same, no CAST needed. */
    private static boolean isWidenedDecimal(DataType from, DataType to) {
        return from.kind() == TypeKind.DECIMAL && to.kind() == TypeKind.DECIMAL && from.scale() == to.scale()
                && from.precision() <= to.precision();
    }
}
