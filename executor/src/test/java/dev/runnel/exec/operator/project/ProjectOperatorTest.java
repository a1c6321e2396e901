package dev.runnel.exec.operator.project;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectOperatorTest {
    private static final RowSchema IN = Schemas.of("a", TypeKind.BIGINT, "s", TypeKind.VARCHAR);
    private final ExprCompiler compiler = new ExprCompiler();

    @Test
    void computesOneColumnPerExpression() {
        RowSchema out = Schemas.of("a2", TypeKind.BIGINT, "u", TypeKind.VARCHAR, "s", TypeKind.VARCHAR);
        ProjectOperator op = new ProjectOperator(Optional.empty(), List.of(
                call(Operator.TIMES, TypeKind.BIGINT, ref(0, TypeKind.BIGINT), lit(2L, TypeKind.BIGINT)),
                call(Operator.UPPER, TypeKind.VARCHAR, ref(1, TypeKind.VARCHAR)),
                ref(1, TypeKind.VARCHAR)), IN, out, compiler);
        RowCollector rows = OperatorTester.run(op, Input.of(IN, rows(row(1L, "ab"), row(null, null), row(-3L, "é"))));
        assertThat(rows.rows()).containsExactly(row(2L, "AB", "ab"), row(null, null, null), row(-6L, "É", "é"));
    }

    @Test
    void carriesAFusedFilterAndProjectsOnlyKeptRows() {
        RowSchema out = Schemas.of("s", TypeKind.VARCHAR);
        ProjectOperator op = new ProjectOperator(
                Optional.of(call(Operator.IS_NOT_NULL, TypeKind.BOOLEAN, ref(1, TypeKind.VARCHAR))),
                List.of(ref(1, TypeKind.VARCHAR)), IN, out, compiler);
        RowCollector rows = OperatorTester.run(op, Input.of(IN, rows(row(1L, "x"), row(2L, null), row(3L, "z"))));
        assertThat(rows.rows()).containsExactly(row("x"), row("z"));
    }

    @Test
    void readsBoundParameters() {
        RowSchema out = Schemas.of("p", TypeKind.BIGINT);
        ProjectOperator op = new ProjectOperator(Optional.empty(), List.of(call(Operator.PLUS, TypeKind.BIGINT,
                ref(0, TypeKind.BIGINT), new DynamicParam(0, DataType.of(TypeKind.BIGINT)))), IN, out, compiler);
        RowCollector rows = OperatorTester.run(op, List.of(10), Input.of(IN, rows(row(1L, "x"))));
        assertThat(rows.rows()).containsExactly(row(11L));
    }

    @Test
    void dataErrorsSurfaceAsSqlState22000AndLeakNothing() {
        RowSchema out = Schemas.of("q", TypeKind.BIGINT);
        ProjectOperator op = new ProjectOperator(Optional.empty(), List.of(call(Operator.DIVIDE, TypeKind.BIGINT,
                lit(1L, TypeKind.BIGINT), ref(0, TypeKind.BIGINT))), IN, out, compiler);
        assertThatThrownBy(() -> OperatorTester.run(op, Input.of(IN, rows(row(1L, "x"), row(0L, "y")))))
                .isInstanceOfSatisfying(RunnelSqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("22000");
                    assertThat(e.getMessage()).isEqualTo("division by zero");
                });
    }

    @Test
    void aTextSubexpressionTheFilterComputesForEveryRowIsComputedOnceForTheProjectionToo() {
        // Nexmark q21's shape: WHERE REGEXP_EXTRACT(s, ...) IS NOT NULL OR UPPER(s) = 'X'
        //                      SELECT CASE WHEN UPPER(s) = 'X' THEN '0' ELSE REGEXP_EXTRACT(s, ...) END
        Expr regex = call(Operator.REGEXP_EXTRACT, TypeKind.VARCHAR, ref(1, TypeKind.VARCHAR),
                lit("(&|^)id=([^&]*)", TypeKind.VARCHAR), lit(2L, TypeKind.BIGINT));
        Expr upper = call(Operator.UPPER, TypeKind.VARCHAR, ref(1, TypeKind.VARCHAR));
        Expr isX = call(Operator.EQUALS, TypeKind.BOOLEAN, upper, lit("X", TypeKind.VARCHAR));
        Expr condition = call(Operator.OR, TypeKind.BOOLEAN, call(Operator.IS_NOT_NULL, TypeKind.BOOLEAN, regex), isX);
        List<Expr> exprs = List.of(ref(0, TypeKind.BIGINT), call(Operator.CASE, TypeKind.VARCHAR, isX,
                lit("0", TypeKind.VARCHAR), regex));
        SharedSubexpressions shared = SharedSubexpressions.find(condition, exprs, IN);
        // the regex is computed for every row by the filter; UPPER only when the regex gave NULL
        assertThat(shared.shared()).containsExactly(regex);
        assertThat(shared.extended().size()).isEqualTo(3);

        RowSchema out = Schemas.of("a", TypeKind.BIGINT, "id", TypeKind.VARCHAR);
        ProjectOperator op = new ProjectOperator(Optional.of(condition), exprs, IN, out, compiler);
        RowCollector rows = OperatorTester.run(op, Input.of(IN, rows(row(1L, "q=1&id=7"), row(2L, "x"),
                row(3L, "y"), row(4L, null), row(5L, "id=&x"))));
        assertThat(rows.rows()).containsExactly(row(1L, "7"), row(2L, "0"), row(5L, ""));
    }
}
