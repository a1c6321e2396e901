package dev.runnel.planner.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.testing.Planning;
import org.junit.jupiter.api.Test;

/** String literals hold any Unicode text, not only what ISO-8859-1 (Calcite's default) can encode. */
class StringLiteralTest {

    @Test
    void aLiteralOutsideLatin1Plans() {
        Expr e = ((ProjectNode) Planning.root("SELECT 'Zürich ✓ 東京 🚀' FROM bids")).exprs().get(0);

        assertThat(e).isInstanceOfSatisfying(Literal.class, l -> assertThat(l.value()).isEqualTo("Zürich ✓ 東京 🚀"));
    }

    @Test
    void aColumnComparesWithSuchALiteral() {
        FilterNode f = (FilterNode) ((ProjectNode) Planning.root("SELECT auction FROM bids WHERE channel = '✓'")).input();

        assertThat(((Call) f.condition()).operands().get(1))
                .isInstanceOfSatisfying(Literal.class, l -> assertThat(l.value()).isEqualTo("✓"));
    }
}
