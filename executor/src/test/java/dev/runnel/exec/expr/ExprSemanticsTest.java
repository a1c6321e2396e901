package dev.runnel.exec.expr;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pins SQL semantics of expressions, each checked compiled and interpreted. */
class ExprSemanticsTest {
    private static final DataType B = DataType.of(TypeKind.BOOLEAN);
    private static final DataType I = DataType.of(TypeKind.INT);
    private static final DataType L = DataType.of(TypeKind.BIGINT);
    private static final DataType D = DataType.of(TypeKind.DOUBLE);
    private static final DataType S = DataType.varchar();
    private static final DataType TS = DataType.of(TypeKind.TIMESTAMP);
    private static final DataType DT = DataType.of(TypeKind.DATE);
    private static final DataType M = DataType.decimal(10, 2);
    /** One column of each type: b, i, l, d, s, ts, dt, m. */
    private static final RowSchema SCHEMA = Schemas.of("b", B, "i", I, "l", L, "d", D, "s", S, "ts", TS, "dt", DT,
            "m", M);
    private final ExprHarness h = new ExprHarness();

    @AfterEach
    void close() {
        h.close();
    }

    /** A row with column values in SCHEMA order; missing trailing ones are NULL. */
    private static List<Object> values(Object... v) {
        List<Object> r = new ArrayList<>(Arrays.asList(v));
        while (r.size() < SCHEMA.size()) {
            r.add(null);
        }
        return r;
    }

    private void check(Expr e, List<List<Object>> rows, Object... expected) {
        assertThat(h.eval(e, SCHEMA, rows)).as("compiled %s", e).containsExactly(expected);
        assertThat(h.interpret(e, rows)).as("interpreted %s", e).containsExactly(expected);
    }

    private void check(Expr e, Object expected) {
        check(e, List.of(values()), expected);
    }

    private void fails(Expr e, List<Object> row, String message) {
        assertThatThrownBy(() -> h.eval(e, SCHEMA, List.of(row))).isInstanceOfSatisfying(RunnelSqlException.class,
                x -> {
                    assertThat(x.sqlState()).isEqualTo("22000");
                    assertThat(x.getMessage()).isEqualTo(message);
                });
        assertThatThrownBy(() -> h.interpret(e, List.of(row))).hasMessage(message);
    }

    private static Expr str(String s) {
        return lit(s, S);
    }

    @Test
    void integerArithmeticIsExactAndFailsOnOverflowAndDivisionByZero() {
        check(call(Operator.DIVIDE, L, ref(2, L), lit(2L, L)), List.of(values(null, null, -7L)), -3L);
        check(call(Operator.MOD, L, ref(2, L), lit(3L, L)), List.of(values(null, null, -7L)), -1L);
        fails(call(Operator.PLUS, L, ref(2, L), lit(1L, L)), values(null, null, Long.MAX_VALUE), "BIGINT overflow");
        fails(call(Operator.TIMES, I, ref(1, I), lit(2, I)), values(null, Integer.MAX_VALUE), "INT overflow");
        fails(call(Operator.NEGATE, L, ref(2, L)), values(null, null, Long.MIN_VALUE), "BIGINT overflow");
        fails(call(Operator.DIVIDE, L, lit(1L, L), ref(2, L)), values(null, null, 0L), "division by zero");
        fails(call(Operator.MOD, I, lit(1, I), ref(1, I)), values(null, 0), "division by zero");
        check(call(Operator.DIVIDE, L, lit(1L, L), ref(2, L)), List.of(values()), (Object) null);
        check(call(Operator.DIVIDE, D, lit(1.0, D), ref(3, D)), List.of(values(null, null, null, 0.0)),
                Double.POSITIVE_INFINITY);
        check(call(Operator.ABS, L, ref(2, L)), List.of(values(null, null, -5L)), 5L);
    }

    @Test
    void decimalArithmeticRoundsToTheResultScaleAndChecksPrecision() {
        DataType m4 = DataType.decimal(10, 4);
        check(call(Operator.DIVIDE, m4, ref(7, M), lit(new BigDecimal("3"), DataType.decimal(1, 0))),
                List.of(values(null, null, null, null, null, null, null, new BigDecimal("1.00"))), new BigDecimal("0.3333"));
        check(call(Operator.TIMES, M, ref(7, M), ref(7, M)),
                List.of(values(null, null, null, null, null, null, null, new BigDecimal("1.25"))), new BigDecimal("1.56"));
        fails(call(Operator.TIMES, DataType.decimal(3, 2), ref(7, M), lit(new BigDecimal("100"), DataType.decimal(3, 0))),
                values(null, null, null, null, null, null, null, new BigDecimal("1.00")),
                "value 100.00 is out of range for DECIMAL(3, 2)");
        fails(call(Operator.DIVIDE, M, ref(7, M), lit(BigDecimal.ZERO, M)),
                values(null, null, null, null, null, null, null, new BigDecimal("1.00")), "division by zero");
    }

    @Test
    void comparisonsOfTextUseCodePointOrder() {
        // U+FF61 sorts below U+1F600 in code point order but above its surrogates in UTF-16 order
        check(call(Operator.LESS_THAN, B, ref(4, S), str("😀")), List.of(values(null, null, null, null, "｡")), true);
        check(call(Operator.GREATER_THAN, B, str("b"), ref(4, S)), List.of(values(null, null, null, null, "ab"),
                values(null, null, null, null, "c"), values()), true, false, null);
        check(call(Operator.EQUALS, B, ref(4, S), ref(4, S)), List.of(values(null, null, null, null, "é")), true);
    }

    @Test
    void mixedNumericComparisonsPromoteExactly() {
        check(call(Operator.EQUALS, B, ref(1, I), lit(new BigDecimal("2.00"), M)), List.of(values(null, 2)), true);
        check(call(Operator.LESS_THAN, B, ref(2, L), lit(2.5, D)), List.of(values(null, null, 2L)), true);
        check(call(Operator.EQUALS, B, lit(0.0, D), lit(-0.0, D)), true);
        check(call(Operator.GREATER_THAN, B, lit(Double.NaN, D), lit(1e300, D)), true);
    }

    @Test
    void logicIsThreeValued() {
        Expr nullBool = ref(0, B);
        check(call(Operator.AND, B, nullBool, lit(false, B)), false);
        check(call(Operator.AND, B, nullBool, lit(true, B)), (Object) null);
        check(call(Operator.OR, B, nullBool, lit(true, B)), true);
        check(call(Operator.OR, B, nullBool, lit(false, B)), (Object) null);
        check(call(Operator.NOT, B, nullBool), (Object) null);
        check(call(Operator.IS_NOT_TRUE, B, nullBool), true);
        check(call(Operator.IS_FALSE, B, nullBool), false);
        check(call(Operator.IS_DISTINCT_FROM, B, ref(2, L), lit(null, L)), false);
        check(call(Operator.IS_NOT_DISTINCT_FROM, B, ref(2, L), lit(1L, L)), false);
    }

    @Test
    void andOrCaseAndCoalesceEvaluateLazilyLeftToRight() {
        Expr boom = call(Operator.EQUALS, B, call(Operator.DIVIDE, L, lit(1L, L), lit(0L, L)), lit(1L, L));
        check(call(Operator.AND, B, lit(false, B), boom), false);
        check(call(Operator.OR, B, lit(true, B), boom), true);
        check(new dev.runnel.planner.expr.Call(Operator.CASE, List.of(lit(true, B), lit(1L, L), boom, lit(2L, L),
                lit(3L, L)), L), 1L);
        check(call(Operator.COALESCE, L, lit(7L, L), call(Operator.DIVIDE, L, lit(1L, L), lit(0L, L))), 7L);
        check(new dev.runnel.planner.expr.Call(Operator.CASE, List.of(ref(0, B), lit(1L, L)), L), (Object) null);
        check(call(Operator.NULLIF, L, lit(3L, L), lit(3L, L)), (Object) null);
        check(call(Operator.NULLIF, L, lit(3L, L), lit(null, L)), 3L);
    }

    @Test
    void castsBetweenTypesQuoteBadValues() {
        check(call(Operator.CAST, L, str(" 42 ")), 42L);
        check(call(Operator.CAST, M, str("1.005")), new BigDecimal("1.01"));
        check(call(Operator.CAST, I, lit(-2.9, D)), -2);
        check(call(Operator.CAST, TS, str("2024-02-29 12:34:56.7")), 1709210096700L);
        check(call(Operator.CAST, TS, str("2024-02-29 12:34:56")), 1709210096000L);
        check(call(Operator.CAST, DT, str("1970-01-02")), 1);
        check(call(Operator.CAST, S, lit(1709210096789L, TS)), "2024-02-29 12:34:56.789");
        check(call(Operator.CAST, S, lit(true, B)), "TRUE");
        check(call(Operator.CAST, B, str("False")), false);
        check(call(Operator.CAST, DataType.decimal(5, 1), lit(12L, L)), new BigDecimal("12.0"));
        check(call(Operator.CAST, new DataType(TypeKind.VARCHAR, 2, 0, true), str("日本語")), "日本");
        check(call(Operator.CAST, DT, lit(-1L, TS)), -1);
        fails(call(Operator.CAST, L, ref(4, S)), values(null, null, null, null, "12x"), "cannot cast '12x' to BIGINT");
        fails(call(Operator.CAST, TS, ref(4, S)), values(null, null, null, null, "2024-13-01 00:00:00"),
                "cannot cast '2024-13-01 00:00:00' to TIMESTAMP");
        fails(call(Operator.CAST, I, ref(2, L)), values(null, null, 1L << 40),
                "value 1099511627776 is out of range for INT");
        fails(call(Operator.CAST, B, ref(4, S)), values(null, null, null, null, "maybe"), "cannot cast 'maybe' to BOOLEAN");
        // Flink's wider text forms
        check(call(Operator.CAST, B, str("Yes")), true);
        check(call(Operator.CAST, B, str("0")), false);
        check(call(Operator.CAST, I, str(" -1.7 ")), -1);
        check(call(Operator.CAST, L, str(".5")), 0L);
        check(call(Operator.CAST, DT, str("1970-1-2")), 1);
        check(call(Operator.CAST, DT, str("1970-01-02 10:00:00")), 1);
        check(call(Operator.CAST, TS, str("2024-2-30 1:2:3")), 1709168523000L);
        fails(call(Operator.CAST, I, ref(4, S)), values(null, null, null, null, "1.2.3"), "cannot cast '1.2.3' to INT");
    }

    @Test
    void likeMatchesPercentUnderscoreAndEscapes() {
        List<List<Object>> rows = List.of(values(null, null, null, null, "abc"), values(null, null, null, null, "a_c"),
                values(null, null, null, null, "日本c"), values());
        check(call(Operator.LIKE, B, ref(4, S), str("a%")), rows, true, true, false, null);
        check(call(Operator.LIKE, B, ref(4, S), str("%c")), rows, true, true, true, null);
        check(call(Operator.LIKE, B, ref(4, S), str("__c")), rows, true, true, true, null);
        check(call(Operator.LIKE, B, ref(4, S), str("a!_c"), str("!")), rows, false, true, false, null);
        check(call(Operator.LIKE, B, ref(4, S), str("%b%")), rows, true, false, false, null);
        check(call(Operator.LIKE, B, call(Operator.UPPER, S, ref(4, S)), str("A%C")), rows, true, true, false, null);
        fails(call(Operator.LIKE, B, ref(4, S), str("a!"), str("!")), values(null, null, null, null, "a"),
                "LIKE pattern 'a!' ends with the escape character");
    }

    @Test
    void stringFunctionsCountCodePoints() {
        List<List<Object>> rows = List.of(values(null, null, null, null, "h😀llo"));
        check(call(Operator.CHAR_LENGTH, I, ref(4, S)), rows, 5);
        check(call(Operator.SUBSTRING, S, ref(4, S), lit(2, I), lit(2, I)), rows, "😀l");
        check(call(Operator.SUBSTRING, S, ref(4, S), lit(0, I), lit(2, I)), rows, "h");
        check(call(Operator.SUBSTRING, S, ref(4, S), lit(4, I)), rows, "lo");
        check(call(Operator.POSITION, I, str("l"), ref(4, S)), rows, 3);
        check(call(Operator.POSITION, I, str("z"), ref(4, S)), rows, 0);
        check(call(Operator.UPPER, S, ref(4, S)), rows, "H😀LLO");
        check(call(Operator.CONCAT, S, ref(4, S), str("!"), str("?")), rows, "h😀llo!?");
        check(call(Operator.TRIM, S, str("BOTH"), str("xy"), str("xyaxbyx")), "axb");
        check(call(Operator.TRIM, S, str("LEADING"), str(" "), str("  a ")), "a ");
        check(call(Operator.SPLIT_INDEX, S, str("a,b,,c"), str(","), lit(2, I)), "");
        check(call(Operator.SPLIT_INDEX, S, str("a,b,,c"), str(","), lit(4, I)), (Object) null);
        check(call(Operator.REGEXP_EXTRACT, S, str("foo123bar"), str("([a-z]+)(\\d+)")), "foo123"); // group 0 by default, as Flink
        check(call(Operator.REGEXP_EXTRACT, S, str("foo123bar"), str("([a-z]+)(\\d+)"), lit(2, I)), "123");
        check(call(Operator.REGEXP_EXTRACT, S, str("foo123bar"), str("\\d+")), "123");
        check(call(Operator.REGEXP_EXTRACT, S, str("foo"), str("\\d+")), (Object) null);
        // REPLACE as Flink 2.3 computes it (the oracle): all occurrences, left to right, no overlaps; an
        // empty search puts the replacement before every character and at the end
        check(call(Operator.REPLACE, S, str("abcab"), str("ab"), str("Z")), "ZcZ");
        check(call(Operator.REPLACE, S, str("aaa"), str("aa"), str("b")), "ba");
        check(call(Operator.REPLACE, S, str("abcab"), str(""), str("x")), "xaxbxcxaxbx");
        check(call(Operator.REPLACE, S, str("h\u00e9llo"), str("\u00e9"), str("")), "hllo");
        check(call(Operator.REPLACE, S, ref(4, S), str("l"), str("L")), rows, "h😀LLo");
        check(call(Operator.REPLACE, S, lit(null, S), str("a"), str("b")), (Object) null);
        fails(call(Operator.SUBSTRING, S, ref(4, S), lit(1, I), lit(-1, I)), values(null, null, null, null, "x"),
                "negative substring length not allowed");
    }

    @Test
    void timeFunctionsWorkInUtc() {
        long t = 1709210096789L; // 2024-02-29 12:34:56.789, a Thursday
        List<List<Object>> rows = List.of(values(null, null, null, null, null, t, 19782));
        check(call(Operator.EXTRACT, L, str("YEAR"), ref(5, TS)), rows, 2024L);
        check(call(Operator.EXTRACT, L, str("QUARTER"), ref(5, TS)), rows, 1L);
        check(call(Operator.EXTRACT, L, str("MONTH"), ref(5, TS)), rows, 2L);
        check(call(Operator.EXTRACT, L, str("DAY"), ref(5, TS)), rows, 29L);
        check(call(Operator.EXTRACT, L, str("DOW"), ref(5, TS)), rows, 5L);
        check(call(Operator.EXTRACT, L, str("DOY"), ref(5, TS)), rows, 60L);
        check(call(Operator.EXTRACT, L, str("WEEK"), ref(5, TS)), rows, 9L);
        check(call(Operator.EXTRACT, L, str("HOUR"), ref(5, TS)), rows, 12L);
        check(call(Operator.EXTRACT, L, str("MILLISECOND"), ref(5, TS)), rows, 56789L);
        check(call(Operator.EXTRACT, L, str("EPOCH"), ref(5, TS)), rows, 1709210096L);
        check(call(Operator.EXTRACT, L, str("YEAR"), ref(6, DT)), rows, 2024L);
        check(call(Operator.FLOOR_TIME, TS, ref(5, TS), str("HOUR")), rows, 1709208000000L);
        check(call(Operator.FLOOR_TIME, TS, ref(5, TS), str("MONTH")), rows, 1706745600000L);
        check(call(Operator.FLOOR_TIME, TS, ref(5, TS), str("WEEK")), rows, 1708819200000L);
        check(call(Operator.CEIL_TIME, TS, ref(5, TS), str("YEAR")), rows, 1735689600000L);
        check(call(Operator.CEIL_TIME, TS, lit(1706745600000L, TS), str("MONTH")), 1706745600000L);
        check(call(Operator.FLOOR_TIME, DT, ref(6, DT), str("QUARTER")), rows, 19723);
        check(call(Operator.DATE_FORMAT, S, ref(5, TS), str("yyyy/MM/dd HH:mm")), rows, "2024/02/29 12:34");
        check(call(Operator.CURRENT_TIMESTAMP, TS), ExprHarness.CLOCK.millis());
        check(call(Operator.PLUS, TS, ref(5, TS), lit(1000L, DataType.of(TypeKind.INTERVAL_DAY_TIME))), rows, t + 1000);
        check(call(Operator.PLUS, TS, ref(5, TS), lit(12, DataType.of(TypeKind.INTERVAL_YEAR_MONTH))), rows,
                1740746096789L);
        check(call(Operator.MINUS, DataType.of(TypeKind.INTERVAL_DAY_TIME), ref(5, TS), lit(t - 5, TS)), rows, 5L);
    }

    @Test
    void numericFunctions() {
        check(call(Operator.ROUND, D, lit(2.675, D), lit(2, I)), 2.68);
        check(call(Operator.ROUND, L, lit(1250L, L), lit(-2, I)), 1300L);
        check(call(Operator.ROUND, M, lit(new BigDecimal("-1.255"), DataType.decimal(5, 3)), lit(2, I)),
                new BigDecimal("-1.26"));
        check(call(Operator.FLOOR, D, lit(-1.5, D)), -2.0);
        check(call(Operator.CEIL, M, lit(new BigDecimal("1.01"), M)), new BigDecimal("2.00"));
        check(call(Operator.POWER, D, lit(2L, L), lit(10, I)), 1024.0);
        check(call(Operator.SQRT, D, lit(-1.0, D)), Double.NaN);
        check(call(Operator.LN, D, lit(1.0, D)), 0.0);
        check(call(Operator.LOG10, D, lit(1000.0, D)), 3.0);
        check(call(Operator.EXP, D, lit(0, I)), 1.0);
    }

    @Test
    void dynamicParametersAreBoundPerInstance() {
        try (ExprHarness withParams = new ExprHarness(new ExprCompiler(), java.util.Arrays.asList(5L, "x%", null))) {
            Expr e = call(Operator.PLUS, L, new dev.runnel.planner.expr.DynamicParam(0, L), lit(1L, L));
            assertThat(withParams.eval(e, SCHEMA, List.of(values()))).containsExactly(6L);
            Expr like = call(Operator.LIKE, B, str("xyz"), new dev.runnel.planner.expr.DynamicParam(1, S));
            assertThat(withParams.eval(like, SCHEMA, List.of(values()))).containsExactly(true);
            Expr missing = call(Operator.IS_NULL, B, new dev.runnel.planner.expr.DynamicParam(2, L));
            assertThat(withParams.eval(missing, SCHEMA, List.of(values()))).containsExactly(true);
        }
    }

    @Test
    void compiledClassesAreCachedByExpressionAndInputTypes() {
        ExprCompiler compiler = h.compiler();
        Expr e = call(Operator.PLUS, L, ref(2, L), lit(1L, L));
        h.eval(e, SCHEMA, List.of(values()));
        h.eval(e, SCHEMA, List.of(values()));
        assertThat(compiler.stats().compilations()).isEqualTo(1);
        assertThat(compiler.stats().hits()).isEqualTo(1);
        ExprCompiler tiny = new ExprCompiler(1);
        var ctx = h.context();
        tiny.filter(lit(true, B), SCHEMA, ctx);
        tiny.filter(lit(false, B), SCHEMA, ctx);
        tiny.filter(lit(true, B), SCHEMA, ctx);
        assertThat(tiny.stats().compilations()).isEqualTo(3);
        assertThat(tiny.stats().cached()).isEqualTo(1);
    }

    @Test
    void unsupportedShapesFailWhenCompiled() {
        Expr bad = call(Operator.CAST, TS, lit(1.5, D));
        assertThatThrownBy(() -> h.eval(bad, SCHEMA, List.of(values()))).isInstanceOfSatisfying(
                RunnelSqlException.class, e -> assertThat(e.sqlState()).isEqualTo("0A000"));
    }

    @Test
    void expressionsTooBigToCompileFallBackToTheInterpreter() {
        List<Expr> ops = new ArrayList<>();
        for (long i = 0; i < 2500; i++) {
            ops.add(call(Operator.EQUALS, B, ref(2, L), lit(i, L)));
            ops.add(lit(i * 10, L));
        }
        ops.add(lit(-1L, L));
        Expr e = new dev.runnel.planner.expr.Call(Operator.CASE, ops, L);
        assertThat(h.eval(e, SCHEMA, List.of(values(null, null, 2499L), values(null, null, 7L), values())))
                .containsExactly(24990L, 70L, -1L);
        assertThat(h.compiler().stats().fallbacks()).isEqualTo(1);
    }
}
