package dev.runnel.exec.expr;

import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;

/**
 * The typing rules the compiler and the interpreter share, so both evaluate the same way: which
 * operand kinds widen to which (promotion, exact), the kind two compared operands meet in, and
 * what an arithmetic call over temporal and interval operands means. Stateless.
 */
public final class TypeRules {
    private TypeRules() {}

    /** The meaning of an arithmetic call, by operand kinds. */
    public enum ArithForm {
        /** Both operands promoted (or cast) to the numeric result kind; NEGATE/ABS have one. */
        NUMERIC,
        /** Day-time intervals and timestamps as longs: {@code long op long}. */
        LONG,
        /** Year-month intervals as ints: {@code int op int}. */
        INT,
        /** TIMESTAMP ± INTERVAL YEAR TO MONTH (operand 1 in months). */
        TIMESTAMP_MONTHS,
        /** DATE ± INTERVAL YEAR TO MONTH. */
        DATE_MONTHS,
        /** DATE ± INTERVAL DAY TO SECOND (whole days of the interval). */
        DATE_MILLIS,
        /** DATE ± INT days. */
        DATE_DAYS,
        /** DATE - DATE as an interval in millis. */
        DATE_DIFF_MILLIS,
        /** DATE - DATE as INT days. */
        DATE_DIFF_DAYS
    }

    /** How {@code call} (PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS) computes; operands possibly swapped by {@link #swapped}. */
    public static ArithForm arithForm(Call call) {
        TypeKind r = call.type().kind();
        if (r.isNumeric() && !(call.operands().size() == 2 && isDate(call, 0) && isDate(call, 1))) {
            return ArithForm.NUMERIC;
        }
        Operator op = call.op();
        if (call.operands().size() == 1) {
            if (r == TypeKind.INTERVAL_DAY_TIME) {
                return ArithForm.LONG;
            }
            if (r == TypeKind.INTERVAL_YEAR_MONTH) {
                return ArithForm.INT;
            }
            throw unsupported(call);
        }
        TypeKind a = kind(call, swapped(call) ? 1 : 0);
        TypeKind b = kind(call, swapped(call) ? 0 : 1);
        boolean plusMinus = op == Operator.PLUS || op == Operator.MINUS;
        if (a == TypeKind.DATE && b == TypeKind.DATE && op == Operator.MINUS) {
            if (r == TypeKind.INTERVAL_DAY_TIME) {
                return ArithForm.DATE_DIFF_MILLIS;
            }
            if (r == TypeKind.INT || r == TypeKind.BIGINT) {
                return ArithForm.DATE_DIFF_DAYS;
            }
        }
        if (plusMinus && a == TypeKind.TIMESTAMP && b == TypeKind.INTERVAL_YEAR_MONTH) {
            return ArithForm.TIMESTAMP_MONTHS;
        }
        if (plusMinus && a == TypeKind.DATE && r == TypeKind.DATE) {
            return switch (b) {
                case INTERVAL_YEAR_MONTH -> ArithForm.DATE_MONTHS;
                case INTERVAL_DAY_TIME -> ArithForm.DATE_MILLIS;
                case INT, BIGINT -> ArithForm.DATE_DAYS;
                default -> throw unsupported(call);
            };
        }
        if ((r == TypeKind.TIMESTAMP || r == TypeKind.INTERVAL_DAY_TIME) && isLongLike(a) && isLongLike(b)) {
            return ArithForm.LONG;
        }
        if (r == TypeKind.INTERVAL_YEAR_MONTH && isIntLike(a) && isIntLike(b)) {
            return ArithForm.INT;
        }
        throw unsupported(call);
    }

    /** Whether a binary temporal call is written interval-first ({@code INTERVAL + t}); evaluation swaps it. */
    public static boolean swapped(Call call) {
        if (call.operands().size() != 2 || call.op() != Operator.PLUS) {
            return false;
        }
        TypeKind a = kind(call, 0);
        TypeKind b = kind(call, 1);
        return (a == TypeKind.INTERVAL_DAY_TIME || a == TypeKind.INTERVAL_YEAR_MONTH || a == TypeKind.INT)
                && (b == TypeKind.TIMESTAMP || b == TypeKind.DATE);
    }

    private static boolean isDate(Call c, int i) {
        return kind(c, i) == TypeKind.DATE;
    }

    private static TypeKind kind(Call c, int i) {
        return c.operands().get(i).type().kind();
    }

    private static boolean isLongLike(TypeKind k) {
        return k == TypeKind.TIMESTAMP || k == TypeKind.INTERVAL_DAY_TIME || k == TypeKind.BIGINT || k == TypeKind.INT;
    }

    private static boolean isIntLike(TypeKind k) {
        return k == TypeKind.INTERVAL_YEAR_MONTH || k == TypeKind.INT;
    }

    private static RuntimeException unsupported(Call call) {
        StringBuilder sb = new StringBuilder();
        for (var o : call.operands()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(o.type().toSql());
        }
        return SqlErrors.unsupported(call.op() + "(" + sb + ") returning " + call.type().toSql() + " is not supported");
    }

    /** Whether {@code from} widens to {@code to} exactly (INT→BIGINT→DECIMAL→DOUBLE, DATE→TIMESTAMP, NULL→any). */
    public static boolean promotes(TypeKind from, TypeKind to) {
        if (from == to || from == TypeKind.NULL) {
            return true;
        }
        return switch (to) {
            case BIGINT -> from == TypeKind.INT;
            case DECIMAL -> from == TypeKind.INT || from == TypeKind.BIGINT;
            case DOUBLE -> from == TypeKind.INT || from == TypeKind.BIGINT || from == TypeKind.DECIMAL;
            case TIMESTAMP -> from == TypeKind.DATE;
            case INTERVAL_DAY_TIME -> from == TypeKind.INT || from == TypeKind.BIGINT;
            case INTERVAL_YEAR_MONTH -> from == TypeKind.INT;
            default -> false;
        };
    }

    /** The kind two compared values meet in, or an unsupported error. */
    public static TypeKind comparisonKind(DataType a, DataType b) {
        TypeKind x = a.kind();
        TypeKind y = b.kind();
        if (x == y) {
            return x;
        }
        if (x == TypeKind.NULL) {
            return y;
        }
        if (y == TypeKind.NULL || promotes(y, x)) {
            return x;
        }
        if (promotes(x, y)) {
            return y;
        }
        throw SqlErrors.unsupported("cannot compare " + a.toSql() + " with " + b.toSql());
    }
}
