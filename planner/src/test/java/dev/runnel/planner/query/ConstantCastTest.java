package dev.runnel.planner.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.testing.Planning;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CAST of a literal reaches the executor as a CAST, so that it converts exactly as the same CAST
 * of a column does; Calcite's own folding rounded DECIMALs down and cut a TIMESTAMP's
 * milliseconds from its text.
 */
class ConstantCastTest {

    private static Expr firstExpr(String sql) {
        return ((ProjectNode) Planning.root(sql)).exprs().get(0);
    }

    @Test
    void decimalLiteralToNarrowerDecimalIsLeftToTheExecutor() {
        assertThat(firstExpr("SELECT CAST(1.005 AS DECIMAL(4, 2)) FROM bids")).isEqualTo(new Call(Operator.CAST,
                List.of(new Literal(new BigDecimal("1.005"), DataType.decimal(4, 3).notNull())),
                DataType.decimal(4, 2).notNull()));
    }

    @Test
    void timestampLiteralToTextIsLeftToTheExecutor() {
        long millis = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();
        assertThat(firstExpr("SELECT CAST(TIMESTAMP '2026-01-02 03:04:05.678' AS VARCHAR) FROM bids"))
                .isEqualTo(new Call(Operator.CAST, List.of(new Literal(millis, DataType.of(TypeKind.TIMESTAMP).notNull())),
                        DataType.varchar().notNull()));
    }

    @Test
    void aCastThatChangesNoValueIsStillFolded() {
        assertThat(firstExpr("SELECT CAST(12 AS BIGINT) FROM bids"))
                .isEqualTo(new Literal(12L, DataType.of(TypeKind.BIGINT).notNull()));
    }
}
