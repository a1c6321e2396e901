package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.fn.TimeFunctions;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/**
 * Generates EXTRACT, FLOOR/CEIL to a unit, DATE_FORMAT (a constant pattern built once) and
 * CURRENT_TIMESTAMP (the clock read once per batch). Time is UTC epoch millis. Single-threaded.
 */
final class TimeCodegen {
    private static final String FN = "dev.runnel.exec.expr.fn.";
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final DataType DATE = DataType.of(TypeKind.DATE);
    private final ExprCodegen g;

    TimeCodegen(ExprCodegen g) {
        this.g = g;
    }

    Val gen(Call c) {
        List<Expr> ops = c.operands();
        switch (c.op()) {
            case EXTRACT: {
                int unit = TimeFunctions.unit(ExprCodegen.flag(ops.get(0)));
                Val t = millis(g.gen(ops.get(1)));
                Val r = g.strict(BIGINT, t, FN + "TimeFunctions.extract(" + unit + ", " + t.value() + ")");
                return g.casts.convert(r, c.type());
            }
            case FLOOR_TIME:
            case CEIL_TIME: {
                String fn = c.op() == Operator.FLOOR_TIME ? "floor" : "ceil";
                Val t = g.gen(ops.get(0));
                int unit = TimeFunctions.unit(ExprCodegen.flag(ops.get(1)));
                Val r;
                if (t.type().kind() == TypeKind.DATE) {
                    r = g.strict(DATE, t, FN + "TimeFunctions." + fn + "Date(" + unit + ", " + t.value() + ")");
                } else {
                    Val ts = g.casts.convert(t, TIMESTAMP);
                    r = g.strict(TIMESTAMP, ts, FN + "TimeFunctions." + fn + "(" + unit + ", " + ts.value() + ")");
                }
                return g.casts.convert(r, c.type());
            }
            case DATE_FORMAT: {
                Val t = millis(g.gen(ops.get(0)));
                Object pattern = ExprCodegen.constantValue(ops.get(1));
                String formatter = null;
                if (pattern != null) {
                    try {
                        formatter = g.constant(TimeFunctions.formatter((String) pattern),
                                "java.time.format.DateTimeFormatter");
                    } catch (RunnelSqlException e) {
                        formatter = null;
                    }
                }
                if (formatter != null) {
                    return g.strict(c.type(), t, FN + "Utf8.encode(" + FN + "TimeFunctions.format(" + formatter + ", "
                            + t.value() + "))");
                }
                Val p = g.gen(ops.get(1), DataType.varchar());
                String cache = g.instanceField(FN + "FormatCache", "new " + FN + "FormatCache()");
                return g.strict(c.type(), List.of(t, p), FN + "Utf8.encode(" + FN + "TimeFunctions.format(" + cache
                        + ".get(" + p.value() + "), " + t.value() + "))");
            }
            case CURRENT_TIMESTAMP:
                g.usesNow = true;
                return g.casts.convert(new Val("false", "now", TIMESTAMP), c.type());
            default:
                throw new IllegalStateException(c.op().name());
        }
    }

    /** A TIMESTAMP, DATE or VARCHAR operand as epoch millis. */
    private Val millis(Val v) {
        if (v.type().kind() == TypeKind.VARCHAR) {
            return g.strict(TIMESTAMP, v, FN + "TimeFunctions.parseTimestamp(" + FN + "Utf8.decode(" + v.value() + "))");
        }
        return g.casts.convert(v, TIMESTAMP);
    }
}
