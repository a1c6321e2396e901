package dev.runnel.exec.expr;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import org.junit.jupiter.api.Test;

class ExprCompilerSmokeTest {
    @Test
    void smoke() {
        RowSchema s = Schemas.of("a", TypeKind.BIGINT, "b", TypeKind.VARCHAR);
        try (ExprHarness h = new ExprHarness()) {
            var e = call(Operator.PLUS, TypeKind.BIGINT, ref(0, TypeKind.BIGINT), lit(1L, TypeKind.BIGINT));
            System.out.println(ExprCompiler.projectionSource(java.util.List.of(e, ref(1, TypeKind.VARCHAR)), s));
            assertThat(h.eval(e, s, rows(row(1L, "x"), row(null, "y")))).containsExactly(2L, null);
            var f = call(Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(0, TypeKind.BIGINT), lit(1L, TypeKind.BIGINT));
            System.out.println(ExprCompiler.filterSource(f, s));
            assertThat(h.filter(f, s, rows(row(1L, "x"), row(2L, "y"), row(null, "z")))).containsExactly(1);
            assertThat(h.compiler().stats().fallbacks()).isZero();
        }
    }
}
