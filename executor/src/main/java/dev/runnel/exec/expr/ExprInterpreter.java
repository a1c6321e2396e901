package dev.runnel.exec.expr;

import dev.runnel.exec.expr.TypeRules.ArithForm;
import dev.runnel.exec.expr.fn.Arith;
import dev.runnel.exec.expr.fn.Casts;
import dev.runnel.exec.expr.fn.Decimals;
import dev.runnel.exec.expr.fn.TimeFunctions;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;

/**
 * Evaluates an {@link Expr} one row at a time over Java values (see {@code TypeKind}): the fallback
 * when compilation fails and the oracle compiled code is tested against. Operands of strict
 * operators are all evaluated before a NULL short-cuts; AND, OR, CASE and COALESCE evaluate left
 * to right and stop as soon as the result is known, exactly as compiled code does, so both raise
 * the same errors. Single-threaded (it memoizes compiled patterns).
 */
public final class ExprInterpreter {
    private final List<Object> parameters;
    private long now;
    /** Made at the first function call (an interpreter for a one-row lookup often needs none). */
    private InterpretedFunctions functions;

    /** @param parameters bound {@code ?} values; @param nowMillis what CURRENT_TIMESTAMP returns */
    public ExprInterpreter(List<Object> parameters, long nowMillis) {
        this.parameters = parameters;
        this.now = nowMillis;
    }

    /** Sets what CURRENT_TIMESTAMP returns from now on (callers read their clock once per batch). */
    public void setNow(long nowMillis) {
        this.now = nowMillis;
    }

    /** The value of {@code e} over {@code row}; DECIMAL results are fitted to {@code e}'s type. */
    public Object evaluate(Expr e, Object[] row) {
        Object v = eval(e, row);
        if (v != null && e.type().kind() == TypeKind.DECIMAL) {
            v = Decimals.fit((BigDecimal) v, e.type().precision(), e.type().scale());
        }
        return v;
    }

    Object eval(Expr e, Object[] row) {
        if (e instanceof InputRef r) {
            return row[r.index()];
        } else if (e instanceof Literal l) {
            return SqlValues.coerce(l.value(), l.type());
        } else if (e instanceof DynamicParam p) {
            return SqlValues.coerce(ExprCompiler.parameter(parameters, p.index()), p.type());
        }
        return call((Call) e, row);
    }

    private Object[] args(Call c, Object[] row) {
        Object[] a = new Object[c.operands().size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = eval(c.operands().get(i), row);
        }
        return a;
    }

    private static boolean anyNull(Object[] a) {
        for (Object o : a) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }

    private Object call(Call c, Object[] row) {
        List<Expr> ops = c.operands();
        switch (c.op()) {
            case AND:
            case OR: {
                boolean isAnd = c.op() == Operator.AND;
                boolean sawNull = false;
                for (Expr o : ops) {
                    Boolean b = (Boolean) eval(o, row);
                    if (b == null) {
                        sawNull = true;
                    } else if (b != isAnd) {
                        return !isAnd;
                    }
                }
                return sawNull ? null : isAnd;
            }
            case CASE: {
                int n = ops.size();
                for (int i = 0; i + 1 < n; i += 2) {
                    if (Boolean.TRUE.equals(eval(ops.get(i), row))) {
                        return SqlValues.convert(eval(ops.get(i + 1), row), ops.get(i + 1).type(), c.type());
                    }
                }
                return n % 2 == 1 ? SqlValues.convert(eval(ops.get(n - 1), row), ops.get(n - 1).type(), c.type()) : null;
            }
            case COALESCE: {
                for (Expr o : ops) {
                    Object v = eval(o, row);
                    if (v != null) {
                        return SqlValues.convert(v, o.type(), c.type());
                    }
                }
                return null;
            }
            default:
                break;
        }
        Object[] a = args(c, row);
        switch (c.op()) {
            case IS_NULL:
                return a[0] == null;
            case IS_NOT_NULL:
                return a[0] != null;
            case IS_TRUE:
                return Boolean.TRUE.equals(a[0]);
            case IS_FALSE:
                return Boolean.FALSE.equals(a[0]);
            case IS_NOT_TRUE:
                return !Boolean.TRUE.equals(a[0]);
            case IS_NOT_FALSE:
                return !Boolean.FALSE.equals(a[0]);
            case IS_DISTINCT_FROM:
            case IS_NOT_DISTINCT_FROM: {
                boolean distinct = a[0] == null || a[1] == null ? (a[0] == null) != (a[1] == null)
                        : compare(ops.get(0).type(), a[0], ops.get(1).type(), a[1]) != 0;
                return c.op() == Operator.IS_DISTINCT_FROM ? distinct : !distinct;
            }
            case NULLIF:
                if (a[0] == null) {
                    return null;
                }
                if (a[1] != null && compare(ops.get(0).type(), a[0], ops.get(1).type(), a[1]) == 0) {
                    return null;
                }
                return SqlValues.convert(a[0], ops.get(0).type(), c.type());
            case CURRENT_TIMESTAMP:
                return now;
            case UNIX_TIMESTAMP:
                if (a.length == 0) {
                    return Math.floorDiv(now, 1000L);
                }
                break;
            case CONCAT_WS: {
                if (a[0] == null) {
                    return null;
                }
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                for (int i = 1; i < a.length; i++) {
                    if (a[i] != null) {
                        sb.append(first ? "" : (String) a[0]).append((String) a[i]);
                        first = false;
                    }
                }
                return sb.toString();
            }
            default:
                break;
        }
        if (anyNull(a)) {
            return null;
        }
        switch (c.op()) {
            case PLUS: case MINUS: case TIMES: case DIVIDE: case MOD: case NEGATE: case ABS:
                return arithmetic(c, a);
            case EQUALS: case NOT_EQUALS: case LESS_THAN: case LESS_THAN_OR_EQUAL: case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL: {
                int cmp = compare(ops.get(0).type(), a[0], ops.get(1).type(), a[1]);
                return switch (c.op()) {
                    case EQUALS -> cmp == 0;
                    case NOT_EQUALS -> cmp != 0;
                    case LESS_THAN -> cmp < 0;
                    case LESS_THAN_OR_EQUAL -> cmp <= 0;
                    case GREATER_THAN -> cmp > 0;
                    default -> cmp >= 0;
                };
            }
            case NOT:
                return !(Boolean) a[0];
            case GREATEST:
            case LEAST: {
                Object best = SqlValues.convert(a[0], ops.get(0).type(), c.type());
                for (int i = 1; i < a.length; i++) {
                    Object v = SqlValues.convert(a[i], ops.get(i).type(), c.type());
                    int cmp = compare(c.type(), v, c.type(), best);
                    if (c.op() == Operator.GREATEST ? cmp > 0 : cmp < 0) {
                        best = v;
                    }
                }
                return best;
            }
            case CAST:
                return SqlValues.cast(a[0], ops.get(0).type(), c.type());
            default:
                if (functions == null) {
                    functions = new InterpretedFunctions();
                }
                return functions.call(c, a);
        }
    }

    /** Compares two non-null values in the kind they meet in. */
    static int compare(DataType ta, Object a, DataType tb, Object b) {
        TypeKind k = TypeRules.comparisonKind(ta, tb);
        DataType t = DataType.of(k);
        Object x = SqlValues.convert(a, ta, t);
        Object y = SqlValues.convert(b, tb, t);
        return switch (k) {
            case BOOLEAN -> Boolean.compare((Boolean) x, (Boolean) y);
            case INT, DATE, INTERVAL_YEAR_MONTH -> Integer.compare((Integer) x, (Integer) y);
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> Long.compare((Long) x, (Long) y);
            case DOUBLE -> Arith.compare((Double) x, (Double) y);
            case DECIMAL -> ((BigDecimal) x).compareTo((BigDecimal) y);
            case VARCHAR -> compareCodePoints((String) x, (String) y);
            case NULL -> 0;
        };
    }

    /** Code point order, computed on UTF-16 text independently of the byte comparison compiled code uses. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private Object arithmetic(Call c, Object[] a) {
        List<Expr> ops = c.operands();
        ArithForm form = TypeRules.arithForm(c);
        boolean swap = TypeRules.swapped(c);
        Object x = swap ? a[1] : a[0];
        Object y = a.length > 1 ? (swap ? a[0] : a[1]) : null;
        Operator op = c.op();
        boolean minus = op == Operator.MINUS;
        switch (form) {
            case NUMERIC: {
                DataType t = c.type();
                x = SqlValues.convert(x, ops.get(0).type(), t);
                if (y != null) {
                    y = SqlValues.convert(y, ops.get(1).type(), t);
                }
                return numeric(op, t, x, y);
            }
            case LONG:
                return longOp(op, ((Number) x).longValue(), y == null ? 0L : ((Number) y).longValue());
            case INT:
                return intOp(op, ((Number) x).intValue(), y == null ? 0 : ((Number) y).intValue());
            case TIMESTAMP_MONTHS:
                return TimeFunctions.addMonths((Long) x, minus ? Arith.negate((Integer) y) : (Integer) y);
            case DATE_MONTHS:
                return Casts.toInt(TimeFunctions.addMonthsToDate((Integer) x, minus ? Arith.negate((Integer) y) : (Integer) y));
            case DATE_MILLIS: {
                int days = Casts.toInt(Math.floorDiv((Long) y, TimeFunctions.MILLIS_PER_DAY));
                return minus ? Arith.subtract((Integer) x, days) : Arith.add((Integer) x, days);
            }
            case DATE_DAYS: {
                int days = Casts.toInt(((Number) y).longValue());
                return minus ? Arith.subtract((Integer) x, days) : Arith.add((Integer) x, days);
            }
            case DATE_DIFF_MILLIS:
                return ((long) (Integer) x - (Integer) y) * TimeFunctions.MILLIS_PER_DAY;
            case DATE_DIFF_DAYS: {
                long d = (long) (Integer) x - (Integer) y;
                return c.type().kind() == TypeKind.INT ? (Object) Casts.toInt(d) : (Object) d;
            }
            default:
                throw new IllegalStateException(form.name());
        }
    }

    private static Object numeric(Operator op, DataType t, Object x, Object y) {
        switch (t.kind()) {
            case INT:
                return intOp(op, (Integer) x, y == null ? 0 : (Integer) y);
            case BIGINT:
                return longOp(op, (Long) x, y == null ? 0L : (Long) y);
            case DOUBLE: {
                double a = (Double) x;
                double b = y == null ? 0.0 : (Double) y;
                return switch (op) {
                    case PLUS -> a + b;
                    case MINUS -> a - b;
                    case TIMES -> a * b;
                    case DIVIDE -> a / b;
                    case MOD -> a % b;
                    case NEGATE -> -a;
                    default -> Math.abs(a);
                };
            }
            default: {
                BigDecimal a = (BigDecimal) x;
                BigDecimal b = (BigDecimal) y;
                int p = t.precision();
                int s = t.scale();
                return switch (op) {
                    case PLUS -> Decimals.add(a, b, p, s);
                    case MINUS -> Decimals.subtract(a, b, p, s);
                    case TIMES -> Decimals.multiply(a, b, p, s);
                    case DIVIDE -> Decimals.divide(a, b, p, s);
                    case MOD -> Decimals.mod(a, b, p, s);
                    case NEGATE -> Decimals.negate(a, p, s);
                    default -> Decimals.abs(a, p, s);
                };
            }
        }
    }

    private static long longOp(Operator op, long a, long b) {
        return switch (op) {
            case PLUS -> Arith.add(a, b);
            case MINUS -> Arith.subtract(a, b);
            case TIMES -> Arith.multiply(a, b);
            case DIVIDE -> Arith.divide(a, b);
            case MOD -> Arith.mod(a, b);
            case NEGATE -> Arith.negate(a);
            default -> Arith.abs(a);
        };
    }

    private static int intOp(Operator op, int a, int b) {
        return switch (op) {
            case PLUS -> Arith.add(a, b);
            case MINUS -> Arith.subtract(a, b);
            case TIMES -> Arith.multiply(a, b);
            case DIVIDE -> Arith.divide(a, b);
            case MOD -> Arith.mod(a, b);
            case NEGATE -> Arith.negate(a);
            default -> Arith.abs(a);
        };
    }
}
