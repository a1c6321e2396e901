package dev.runnel.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * DECIMAL arithmetic compiled to unscaled longs gives exactly the interpreter's {@code BigDecimal}
 * results: random trees of PLUS, MINUS, TIMES, NEGATE, ABS and CAST (with DIVIDE mixed in, which
 * stays {@code BigDecimal}) over INT, BIGINT and DECIMAL columns of several precisions and scales,
 * with random declared result types, so values round HALF_UP, overflow a long (the fallback), leave
 * their type's range (the same SQL error) or are NULL. As projections, and as filters comparing them.
 */
class DecimalLongProperties {
    private static final DataType INT = DataType.of(TypeKind.INT);
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);
    private static final RowSchema SCHEMA = new RowSchema(List.of(new Column("i", INT), new Column("l", BIGINT),
            new Column("m", DataType.decimal(10, 2)), new Column("w", DataType.decimal(18, 4)),
            new Column("z", DataType.decimal(5, 0)), new Column("big", DataType.decimal(30, 6))));

    private final ExprHarness harness = new ExprHarness();

    @AfterProperty
    void close() {
        harness.close();
    }

    @Property(tries = 400)
    void longDecimalProjectionsEqualTheInterpreter(@ForAll long seed) {
        Gen gen = new Gen(seed);
        Expr e = gen.decimal(3);
        List<List<Object>> rows = gen.rows(1 + (int) Math.floorMod(seed, 30));
        ExpressionProperties.Outcome expected = outcome(() -> harness.interpret(e, rows));
        ExpressionProperties.Outcome actual = outcome(() -> harness.eval(e, SCHEMA, rows));
        assertThat(actual).as("expression %s over %s", e, rows).isEqualTo(expected);
        assertThat(harness.compiler().stats().fallbacks()).as("compilation fell back for %s", e).isZero();
    }

    @Property(tries = 200)
    void filtersOverLongDecimalsKeepTheRowsTheInterpreterKeeps(@ForAll long seed) {
        Gen gen = new Gen(seed);
        Expr e = new Call(gen.pick(new Operator[] {Operator.GREATER_THAN, Operator.LESS_THAN_OR_EQUAL,
            Operator.EQUALS}), List.of(gen.decimal(3), gen.decimal(2)), BOOLEAN);
        List<List<Object>> rows = gen.rows(1 + (int) Math.floorMod(seed, 30));
        ExpressionProperties.Outcome expected = outcome(() -> {
            List<Object> keep = new ArrayList<>();
            List<Object> values = harness.interpret(e, rows);
            for (int i = 0; i < values.size(); i++) {
                if (Boolean.TRUE.equals(values.get(i))) {
                    keep.add(i);
                }
            }
            return keep;
        });
        ExpressionProperties.Outcome actual = outcome(() -> new ArrayList<>(harness.filter(e, SCHEMA, rows)));
        assertThat(actual).as("condition %s over %s", e, rows).isEqualTo(expected);
        assertThat(harness.compiler().stats().fallbacks()).as("compilation fell back for %s", e).isZero();
    }

    private static ExpressionProperties.Outcome outcome(ExpressionProperties.Run run) {
        try {
            return new ExpressionProperties.Outcome(run.get(), null);
        } catch (RunnelSqlException e) {
            return new ExpressionProperties.Outcome(null, e.sqlState() + " " + e.getMessage());
        }
    }

    private static final class Gen {
        private final Random r;

        Gen(long seed) {
            this.r = new Random(seed);
        }

        <T> T pick(T[] a) {
            return a[r.nextInt(a.length)];
        }

        /** A random DECIMAL type: mostly small precisions (where results leave the range), some wide. */
        DataType type() {
            int p = r.nextInt(3) == 0 ? 19 + r.nextInt(20) : 1 + r.nextInt(18);
            return DataType.decimal(p, r.nextInt(Math.min(p, 8) + 1));
        }

        Expr decimal(int depth) {
            if (depth <= 0 || r.nextInt(4) == 0) {
                return leaf(true);
            }
            DataType t = type();
            return switch (r.nextInt(8)) {
                case 0, 1, 2 -> new Call(pick(new Operator[] {Operator.PLUS, Operator.MINUS, Operator.TIMES}),
                        List.of(operand(depth), operand(depth)), t);
                case 3 -> new Call(pick(new Operator[] {Operator.NEGATE, Operator.ABS}), List.of(decimal(depth - 1)), t);
                case 4, 5 -> new Call(Operator.CAST, List.of(operand(depth)), t);
                case 6 -> new Call(Operator.DIVIDE, List.of(operand(depth), decimal(depth - 1)), t);
                default -> new Call(Operator.TIMES, List.of(leaf(true), leaf(false)), t);
            };
        }

        private Expr operand(int depth) {
            return r.nextInt(3) == 0 ? leaf(false) : decimal(depth - 1);
        }

        /** A column or literal: DECIMAL, or INT/BIGINT ({@code decimal} false). */
        private Expr leaf(boolean decimal) {
            if (decimal) {
                if (r.nextInt(3) > 0) {
                    int c = 2 + r.nextInt(4);
                    return new InputRef(c, SCHEMA.get(c).type());
                }
                if (r.nextInt(8) == 0) {
                    return new Literal(null, DataType.decimal(10, 2));
                }
                BigDecimal v = switch (r.nextInt(4)) {
                    case 0 -> new BigDecimal("0.908");
                    case 1 -> BigDecimal.valueOf(r.nextInt(2_000_001) - 1_000_000, r.nextInt(5));
                    case 2 -> BigDecimal.valueOf(r.nextLong(), r.nextInt(7));
                    default -> new BigDecimal(new BigInteger(90, r), 3); // does not fit a long
                };
                return new Literal(v, DataType.decimal(Math.max(v.precision(), v.scale() + 1), v.scale()));
            }
            if (r.nextInt(3) > 0) {
                int c = r.nextInt(2);
                return new InputRef(c, SCHEMA.get(c).type());
            }
            return r.nextBoolean() ? new Literal((long) (r.nextInt(201) - 100), BIGINT)
                    : new Literal(r.nextInt(10) == 0 ? null : r.nextInt(21) - 10, INT);
        }

        List<List<Object>> rows(int n) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Object> row = new ArrayList<>();
                for (Column c : SCHEMA.columns()) {
                    row.add(r.nextInt(6) == 0 ? null : value(c.type()));
                }
                rows.add(row);
            }
            return rows;
        }

        private Object value(DataType t) {
            boolean edge = r.nextInt(8) == 0;
            return switch (t.kind()) {
                case INT -> edge ? (r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) : r.nextInt(2001) - 1000;
                case BIGINT -> edge ? (r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)
                        : r.nextInt(4) == 0 ? r.nextLong() >> r.nextInt(64) : (long) r.nextInt(2_000_001) - 1_000_000;
                default -> {
                    // within the column's precision, at its scale; at the edge, its largest magnitude
                    BigInteger max = BigInteger.TEN.pow(t.precision()).subtract(BigInteger.ONE);
                    BigInteger u = edge ? max : new BigInteger(max.bitLength() + 1, r).mod(max.add(BigInteger.ONE));
                    if (!edge && r.nextBoolean()) {
                        u = u.divide(BigInteger.TEN.pow(r.nextInt(t.precision())));
                    }
                    yield new BigDecimal(r.nextBoolean() ? u : u.negate(), t.scale());
                }
            };
        }
    }
}
