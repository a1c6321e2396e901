package dev.runnel.exec.expr;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random well-typed expressions over a fixed schema with one column per type, and random rows with
 * NULLs and edge values (overflow, NaN, -0.0, multi-byte text), for the compiled-versus-interpreted
 * property.
 */
final class RandomExprs {
    static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);
    static final DataType INT = DataType.of(TypeKind.INT);
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
    static final DataType DECIMAL = DataType.decimal(10, 2);
    static final DataType VARCHAR = DataType.varchar();
    static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    static final DataType DATE = DataType.of(TypeKind.DATE);
    static final DataType INTERVAL_DT = DataType.of(TypeKind.INTERVAL_DAY_TIME);

    static final RowSchema SCHEMA = new RowSchema(List.of(new Column("b", BOOLEAN), new Column("i", INT),
            new Column("l", BIGINT), new Column("d", DOUBLE), new Column("m", DECIMAL), new Column("s", VARCHAR),
            new Column("t", TIMESTAMP), new Column("dt", DATE), new Column("s2", VARCHAR), new Column("l2", BIGINT)));

    private static final DataType[] VALUE_TYPES = {BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL, VARCHAR, TIMESTAMP, DATE};
    private static final String[] TEXT = {"", "a", "ab", "abc", "b%", "A_b", "é", "日本", "😀x", " a ", "1", "-7",
        "2.5", "true", "2024-01-31 10:20:30.5", "2023-12-31", "a,b,,c", "xyz"};
    private static final String[] PATTERNS = {"%", "a%", "%b", "%a%", "a_", "_", "a%c", "", "A!_b", "%😀%", "日%", "__%"};
    private static final String[] UNITS = {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DOY", "DOW", "HOUR", "MINUTE",
        "SECOND", "MILLISECOND", "EPOCH"};
    private static final String[] FLOOR_UNITS = {"SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"};

    private final Random r;

    RandomExprs(long seed) {
        this.r = new Random(seed);
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    // ---- data ----

    List<List<Object>> rows(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (Column c : SCHEMA.columns()) {
                row.add(r.nextInt(5) == 0 ? null : value(c.type()));
            }
            rows.add(row);
        }
        return rows;
    }

    Object value(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> r.nextBoolean();
            case INT -> r.nextInt(10) == 0 ? (r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) : r.nextInt(11) - 5;
            case BIGINT -> r.nextInt(10) == 0 ? (r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : (long) r.nextInt(21) - 10;
            case DOUBLE -> switch (r.nextInt(12)) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                case 2 -> Double.POSITIVE_INFINITY;
                case 3 -> 1e300;
                default -> (r.nextInt(2001) - 1000) / 8.0;
            };
            case DECIMAL -> BigDecimal.valueOf(r.nextInt(200001) - 100000, 2);
            case VARCHAR -> pick(TEXT);
            case TIMESTAMP -> 1_700_000_000_000L + (long) (r.nextGaussian() * 100_000_000_000L);
            case DATE -> 19_000 + r.nextInt(2000) - 1000;
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    // ---- expressions ----

    /** Calls made so far, so that an expression may repeat one (a common subexpression) now and then. */
    private final List<Expr> made = new ArrayList<>();

    Expr expr(DataType t, int depth) {
        if (depth <= 0 || r.nextInt(4) == 0) {
            return leaf(t);
        }
        if (r.nextInt(5) == 0) {
            List<Expr> same = made.stream().filter(e -> e.type().equals(t)).toList();
            if (!same.isEmpty()) {
                return same.get(r.nextInt(same.size()));
            }
        }
        Expr e = make(t, depth);
        if (e instanceof Call) {
            made.add(e);
        }
        return e;
    }

    private Expr make(DataType t, int depth) {
        return switch (t.kind()) {
            case BOOLEAN -> bool(depth);
            case INT, BIGINT -> integer(t, depth);
            case DOUBLE -> dbl(depth);
            case DECIMAL -> decimal(depth);
            case VARCHAR -> text(depth);
            case TIMESTAMP -> timestamp(depth);
            case DATE -> date(depth);
            default -> leaf(t);
        };
    }

    private Expr leaf(DataType t) {
        if (r.nextInt(3) > 0) {
            List<Integer> cols = new ArrayList<>();
            for (int i = 0; i < SCHEMA.size(); i++) {
                if (SCHEMA.get(i).type().kind() == t.kind()) {
                    cols.add(i);
                }
            }
            int c = cols.get(r.nextInt(cols.size()));
            return new InputRef(c, SCHEMA.get(c).type());
        }
        return new Literal(r.nextInt(8) == 0 ? null : value(t), t);
    }

    private Call call(Operator op, DataType t, Expr... ops) {
        return new Call(op, List.of(ops), t);
    }

    private Expr lazyOrCommon(DataType t, int depth) {
        return switch (r.nextInt(3)) {
            case 0 -> {
                List<Expr> ops = new ArrayList<>();
                int whens = 1 + r.nextInt(2);
                for (int i = 0; i < whens; i++) {
                    ops.add(expr(BOOLEAN, depth - 1));
                    ops.add(expr(t, depth - 1));
                }
                if (r.nextBoolean()) {
                    ops.add(expr(t, depth - 1));
                }
                yield new Call(Operator.CASE, ops, t);
            }
            case 1 -> call(Operator.COALESCE, t, expr(t, depth - 1), expr(t, depth - 1));
            default -> call(Operator.NULLIF, t, expr(t, depth - 1), expr(t, depth - 1));
        };
    }

    private Expr bool(int depth) {
        int choice = r.nextInt(11);
        switch (choice) {
            case 0: case 1: {
                DataType a = pick(VALUE_TYPES);
                Operator op = pick(new Operator[] {Operator.EQUALS, Operator.NOT_EQUALS, Operator.LESS_THAN,
                    Operator.LESS_THAN_OR_EQUAL, Operator.GREATER_THAN, Operator.GREATER_THAN_OR_EQUAL,
                    Operator.IS_DISTINCT_FROM, Operator.IS_NOT_DISTINCT_FROM});
                DataType b = a;
                if (a.kind() == TypeKind.INT && r.nextBoolean()) {
                    b = pick(new DataType[] {BIGINT, DOUBLE, DECIMAL});
                }
                return call(op, BOOLEAN, expr(a, depth - 1), expr(b, depth - 1));
            }
            case 2: {
                List<Expr> ops = new ArrayList<>();
                int n = 2 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    ops.add(expr(BOOLEAN, depth - 1));
                }
                return new Call(r.nextBoolean() ? Operator.AND : Operator.OR, ops, BOOLEAN);
            }
            case 3:
                return call(Operator.NOT, BOOLEAN, expr(BOOLEAN, depth - 1));
            case 4:
                return call(pick(new Operator[] {Operator.IS_NULL, Operator.IS_NOT_NULL}), BOOLEAN.notNull(),
                        expr(pick(VALUE_TYPES), depth - 1));
            case 5:
                return call(pick(new Operator[] {Operator.IS_TRUE, Operator.IS_FALSE, Operator.IS_NOT_TRUE,
                    Operator.IS_NOT_FALSE}), BOOLEAN.notNull(), expr(BOOLEAN, depth - 1));
            case 6: {
                Expr s = r.nextBoolean() ? new InputRef(5, VARCHAR) : expr(VARCHAR, depth - 1);
                String p = pick(PATTERNS);
                if (p.contains("!")) {
                    return call(Operator.LIKE, BOOLEAN, s, new Literal(p, VARCHAR), new Literal("!", VARCHAR));
                }
                return call(Operator.LIKE, BOOLEAN, s, r.nextInt(4) == 0 ? new InputRef(8, VARCHAR) : new Literal(p, VARCHAR));
            }
            case 7: {
                Expr s = r.nextBoolean() ? new InputRef(5, VARCHAR) : expr(VARCHAR, depth - 1);
                return call(pick(new Operator[] {Operator.EQUALS, Operator.LESS_THAN, Operator.GREATER_THAN_OR_EQUAL}),
                        BOOLEAN, r.nextBoolean() ? s : new Literal(pick(TEXT), VARCHAR),
                        r.nextBoolean() ? new Literal(pick(TEXT), VARCHAR) : s);
            }
            case 8:
                return call(Operator.CAST, BOOLEAN, expr(pick(new DataType[] {INT, DOUBLE, DECIMAL, VARCHAR}), depth - 1));
            default:
                return lazyOrCommon(BOOLEAN, depth);
        }
    }

    private Expr integer(DataType t, int depth) {
        switch (r.nextInt(10)) {
            case 0: case 1: case 2: {
                Operator op = pick(new Operator[] {Operator.PLUS, Operator.MINUS, Operator.TIMES, Operator.DIVIDE,
                    Operator.MOD});
                return call(op, t, expr(t, depth - 1), expr(r.nextInt(4) == 0 ? INT : t, depth - 1));
            }
            case 3:
                return call(pick(new Operator[] {Operator.NEGATE, Operator.ABS}), t, expr(t, depth - 1));
            case 4:
                return call(Operator.CAST, t, expr(pick(new DataType[] {BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL, VARCHAR}),
                        depth - 1));
            case 5:
                return call(pick(new Operator[] {Operator.CHAR_LENGTH, Operator.POSITION}), t,
                        r.nextBoolean() ? new Expr[] {expr(VARCHAR, depth - 1)}
                                : new Expr[] {expr(VARCHAR, depth - 1), expr(VARCHAR, depth - 1)}).operands().size() == 1
                        ? call(Operator.CHAR_LENGTH, t, expr(VARCHAR, depth - 1))
                        : call(Operator.POSITION, t, expr(VARCHAR, depth - 1), expr(VARCHAR, depth - 1));
            case 6:
                return call(Operator.EXTRACT, t, new Literal(pick(UNITS), VARCHAR),
                        expr(r.nextBoolean() ? TIMESTAMP : DATE, depth - 1));
            case 7:
                return call(Operator.ROUND, t, expr(t, depth - 1), new Literal(r.nextInt(5) - 3, INT));
            default:
                return lazyOrCommon(t, depth);
        }
    }

    private Expr dbl(int depth) {
        switch (r.nextInt(8)) {
            case 0: case 1:
                return call(pick(new Operator[] {Operator.PLUS, Operator.MINUS, Operator.TIMES, Operator.DIVIDE,
                    Operator.MOD}), DOUBLE, expr(DOUBLE, depth - 1), expr(r.nextBoolean() ? DOUBLE : INT, depth - 1));
            case 2:
                return call(pick(new Operator[] {Operator.NEGATE, Operator.ABS, Operator.FLOOR, Operator.CEIL,
                    Operator.SQRT, Operator.LN, Operator.LOG10, Operator.EXP}), DOUBLE, expr(DOUBLE, depth - 1));
            case 3:
                return call(Operator.POWER, DOUBLE, expr(DOUBLE, depth - 1), expr(INT, depth - 1));
            case 4:
                return call(Operator.ROUND, DOUBLE, expr(DOUBLE, depth - 1), expr(INT, depth - 1));
            case 5:
                return call(Operator.CAST, DOUBLE, expr(pick(new DataType[] {INT, BIGINT, DECIMAL, VARCHAR, BOOLEAN}),
                        depth - 1));
            default:
                return lazyOrCommon(DOUBLE, depth);
        }
    }

    private Expr decimal(int depth) {
        switch (r.nextInt(7)) {
            case 0: case 1:
                return call(pick(new Operator[] {Operator.PLUS, Operator.MINUS, Operator.TIMES, Operator.DIVIDE,
                    Operator.MOD}), DECIMAL, expr(DECIMAL, depth - 1), expr(r.nextBoolean() ? DECIMAL : INT, depth - 1));
            case 2:
                return call(pick(new Operator[] {Operator.NEGATE, Operator.ABS, Operator.FLOOR, Operator.CEIL}), DECIMAL,
                        expr(DECIMAL, depth - 1));
            case 3:
                return call(Operator.ROUND, DECIMAL, expr(DECIMAL, depth - 1), new Literal(r.nextInt(4) - 1, INT));
            case 4:
                return call(Operator.CAST, DECIMAL, expr(pick(new DataType[] {INT, BIGINT, DOUBLE, VARCHAR}), depth - 1));
            default:
                return lazyOrCommon(DECIMAL, depth);
        }
    }

    private Expr text(int depth) {
        switch (r.nextInt(12)) {
            case 0:
                return call(pick(new Operator[] {Operator.UPPER, Operator.LOWER}), VARCHAR, expr(VARCHAR, depth - 1));
            case 1:
                return r.nextBoolean() ? call(Operator.SUBSTRING, VARCHAR, expr(VARCHAR, depth - 1), expr(INT, depth - 1))
                        : call(Operator.SUBSTRING, VARCHAR, expr(VARCHAR, depth - 1), expr(INT, depth - 1),
                                expr(INT, depth - 1));
            case 2:
                return call(Operator.TRIM, VARCHAR, new Literal(pick(new String[] {"BOTH", "LEADING", "TRAILING"}), VARCHAR),
                        new Literal(pick(new String[] {" ", "a", "xa", "😀"}), VARCHAR), expr(VARCHAR, depth - 1));
            case 3:
                return call(Operator.CONCAT, VARCHAR, expr(VARCHAR, depth - 1), expr(VARCHAR, depth - 1));
            case 4:
                return call(Operator.SPLIT_INDEX, VARCHAR, expr(VARCHAR, depth - 1), new Literal(pick(new String[] {",", "b", "", ",,", "日"}),
                        VARCHAR), expr(INT, depth - 1));
            case 5:
                return r.nextBoolean()
                        ? call(Operator.REGEXP_EXTRACT, VARCHAR, expr(VARCHAR, depth - 1),
                                new Literal(pick(new String[] {"(a)(b)?", "[a-c]+", "(\\d+)", "x(y)z", "(&|^)b,([^,]*)", "ab?c*",
                                        "a{0,2}b"}), VARCHAR))
                        : call(Operator.REGEXP_EXTRACT, VARCHAR, expr(VARCHAR, depth - 1),
                                new Literal(pick(new String[] {"(a)(b)?", "[a-c]+", "(\\d+)"}), VARCHAR), expr(INT, depth - 1));
            case 6:
                return call(Operator.CAST, VARCHAR, expr(pick(VALUE_TYPES), depth - 1));
            case 7:
                return call(Operator.CAST, new DataType(TypeKind.VARCHAR, 2, 0, true), expr(VARCHAR, depth - 1));
            case 8:
                return call(Operator.DATE_FORMAT, VARCHAR, expr(TIMESTAMP, depth - 1),
                        new Literal(pick(new String[] {"yyyy-MM-dd", "HH:mm:ss.SSS", "EEE MMM d", "yyyyMMdd'T'HH"}), VARCHAR));
            case 9:
                return call(Operator.REPLACE, VARCHAR, expr(VARCHAR, depth - 1), expr(VARCHAR, depth - 1),
                        expr(VARCHAR, depth - 1));
            default:
                return lazyOrCommon(VARCHAR, depth);
        }
    }

    private Expr timestamp(int depth) {
        switch (r.nextInt(7)) {
            case 0:
                return call(r.nextBoolean() ? Operator.FLOOR_TIME : Operator.CEIL_TIME, TIMESTAMP, expr(TIMESTAMP, depth - 1),
                        new Literal(pick(FLOOR_UNITS), VARCHAR));
            case 1:
                return call(Operator.CAST, TIMESTAMP, expr(r.nextBoolean() ? VARCHAR : DATE, depth - 1));
            case 2:
                return call(r.nextBoolean() ? Operator.PLUS : Operator.MINUS, TIMESTAMP, expr(TIMESTAMP, depth - 1),
                        new Literal((long) r.nextInt(100_000_000), INTERVAL_DT));
            case 3:
                return call(Operator.CURRENT_TIMESTAMP, TIMESTAMP);
            default:
                return lazyOrCommon(TIMESTAMP, depth);
        }
    }

    private Expr date(int depth) {
        switch (r.nextInt(4)) {
            case 0:
                return call(Operator.CAST, DATE, expr(r.nextBoolean() ? TIMESTAMP : VARCHAR, depth - 1));
            case 1:
                return call(Operator.FLOOR_TIME, DATE, expr(DATE, depth - 1), new Literal(pick(FLOOR_UNITS), VARCHAR));
            default:
                return lazyOrCommon(DATE, depth);
        }
    }

    DataType anyType() {
        return pick(VALUE_TYPES);
    }
}
