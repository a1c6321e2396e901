package dev.runnel.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interpreter the expression compiler falls back to gives the compiled code's values for Flink's
 * functions (whose compiled values {@code FunctionGoldenTest} checks against Flink), NULLs and edge
 * cases included.
 */
class FlinkFunctionsInterpretedTest {
    private static final DataType S = DataType.varchar();
    private static final DataType I = DataType.of(TypeKind.INT);
    private static final DataType L = DataType.of(TypeKind.BIGINT);
    private static final DataType TS = DataType.of(TypeKind.TIMESTAMP);
    private static final DataType DT = DataType.of(TypeKind.DATE);
    private static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);
    private static final RowSchema SCHEMA = Schemas.of("s", S, "p", S, "n", I, "a", TS, "q", S);
    private static final Expr s = new InputRef(0, S);
    private static final Expr p = new InputRef(1, S);
    private static final Expr n = new InputRef(2, I);
    private static final Expr a = new InputRef(3, TS);
    private static final Expr q = new InputRef(4, S);
    private final ExprHarness h = new ExprHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private static Expr call(Operator op, DataType type, Expr... operands) {
        return new Call(op, List.of(operands), type);
    }

    private static Expr lit(Object v, DataType t) {
        return new Literal(v, t);
    }

    @Test
    void compiledAndInterpretedFlinkFunctionsAgree() {
        List<Expr> exprs = List.of(
                call(Operator.CONCAT_WS, S, q, s, p), call(Operator.LPAD, S, s, n, q), call(Operator.RPAD, S, s, n, q),
                call(Operator.REGEXP_REPLACE, S, s, p, q), call(Operator.REGEXP, BOOL, s, p),
                call(Operator.REGEXP, BOOL, s, lit("[", S)), call(Operator.INITCAP, S, s), call(Operator.LEFT, S, s, n),
                call(Operator.RIGHT, S, s, n), call(Operator.REVERSE, S, s), call(Operator.REPEAT, S, p, n),
                call(Operator.LOCATE, I, p, s), call(Operator.LOCATE, I, p, s, n), call(Operator.ASCII, I, s),
                call(Operator.CHR, S, n), call(Operator.MD5, S, s), call(Operator.SHA256, S, s),
                call(Operator.TO_BASE64, S, s), call(Operator.GREATEST, S, s, p), call(Operator.LEAST, I, n, lit(2, I)),
                call(Operator.SIGN, I, n), call(Operator.TRUNCATE, I, n, lit(-1, I)), call(Operator.TO_TIMESTAMP, TS, s),
                call(Operator.TO_TIMESTAMP, TS, s, lit("yyyy/MM/dd", S)), call(Operator.TO_DATE, DT, s),
                call(Operator.TO_DATE, DT, s, lit("yyyy/MM/dd", S)), call(Operator.UNIX_TIMESTAMP, L, s),
                call(Operator.UNIX_TIMESTAMP, L, s, lit("yyyy-MM-dd", S)), call(Operator.FROM_UNIXTIME, S, n),
                call(Operator.FROM_UNIXTIME, S, n, lit("yyyy-MM-dd", S)),
                call(Operator.TIMESTAMPDIFF, I, lit("MONTH", S), a, lit(1_709_164_800_000L, TS)),
                call(Operator.TIMESTAMPDIFF, I, lit("SECOND", S), lit(0L, TS), a), call(Operator.UNIX_TIMESTAMP, L));
        List<List<Object>> rows = List.of(
                Arrays.asList("hello world", "o", 3, 1_706_696_430_123L, "x"),
                Arrays.asList("", "l", 0, 1_709_251_199_999L, ""),
                Arrays.asList(null, "a", 2, null, "ab"),
                Arrays.asList("ÄbC déf-ghi jKL", null, -1, -500L, "*"),
                Arrays.asList("2024-02-29 12:34:56", "bc", null, 1_706_659_200_000L, "yyyy-MM-dd HH:mm:ss"),
                Arrays.asList("2024/02/29", "[", 5, 0L, null),
                Arrays.asList("2024-2-3", "o+", 10, 1L, "yyyy-MM-dd"));
        List<List<Object>> compiled = h.project(exprs, SCHEMA, rows);
        assertThat(h.projectInterpreted(exprs, SCHEMA, rows)).isEqualTo(compiled);
        assertThat(compiled.get(0).get(0)).isEqualTo("hello worldxo"); // and the values are real ones
        assertThat(compiled.get(4).get(22)).isEqualTo(1_709_210_096_000L);
        assertThat(compiled.get(3).get(13)).isEqualTo(-61);
    }
}
